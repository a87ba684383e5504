package io.roster.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One configuration key: its name, default, meaning, and how a text value becomes a typed one. */
public final class ConfigKey<T> {
    private final String name;
    private final String defaultValue;
    private final String doc;
    private final Function<String, T> parser;

    private ConfigKey(String name, String defaultValue, String doc, Function<String, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.doc = Objects.requireNonNull(doc);
        this.parser = Objects.requireNonNull(parser);
    }

    public static ConfigKey<Integer> intKey(String name, int defaultValue, int min, int max, String doc) {
        return new ConfigKey<>(name, Integer.toString(defaultValue), doc, text -> {
            int v;
            try {
                v = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        });
    }

    public static ConfigKey<Integer> portKey(String name, int defaultValue, String doc) {
        return intKey(name, defaultValue, 0, 65535, doc);
    }

    public static ConfigKey<Boolean> boolKey(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, Boolean.toString(defaultValue), doc, text -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        });
    }

    public static ConfigKey<String> stringKey(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, String::trim);
    }

    /** A host name or address: trimmed, never empty (an empty host made addresses like ":9611"). */
    public static ConfigKey<String> hostKey(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, text -> {
            String host = text.trim();
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty: name a host name or address");
            }
            return host;
        });
    }

    /** A comma-separated list; blanks are dropped, so "" is the empty list. */
    public static ConfigKey<List<String>> listKey(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, ConfigKey::splitList);
    }

    /** A comma-separated list of host:port addresses. */
    public static ConfigKey<List<String>> addressListKey(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, text -> {
            List<String> list = splitList(text);
            for (String a : list) {
                HostPort.parse(a);
            }
            return list;
        });
    }

    static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Parses {@code text}; {@code source} says where it came from, for the error. */
    T parse(String text, String source) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value '" + text + "' for " + name + " (from " + source + "): " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
