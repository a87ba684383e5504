package io.roster.tools.options;

import io.roster.common.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The options every command that talks to meta shares: where meta is ({@code --meta}, else {@code --cluster DIR},
 * else the standalone server), how long one call may take, and whether to print JSON.
 */
public final class MetaOptions {
    @Option(names = "--meta", paramLabel = "HOST:PORT,...",
            description = "Meta addresses (default: from --cluster, else " + Addresses.STANDALONE_META + ", the standalone server).")
    String meta;

    @Mixin
    Addresses addresses;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long one call to meta may take (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Mixin
    OutputOption output;

    /** The meta addresses to ask; a {@link ConfigException} names what is wrong with them. */
    public List<String> servers() {
        if (timeoutMs <= 0) {
            throw new ConfigException("--timeout-ms must be positive, not " + timeoutMs);
        }
        return addresses.meta(meta);
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public boolean json() {
        return output.json();
    }
}
