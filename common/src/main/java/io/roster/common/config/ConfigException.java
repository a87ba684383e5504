package io.roster.common.config;

/** Configuration that cannot be used; the message names the key, the value and where it came from. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
