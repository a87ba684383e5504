package io.roster.common.config;

import io.roster.common.model.NodeRole;
import io.roster.common.model.RegistryLimits;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A node's configuration, immutable and fully validated: defaults, then the properties file, then ROSTER_*
 * environment variables, then --set overrides. Unknown keys and bad values are rejected with a message that
 * names the key and its source, so a typo stops start-up instead of being ignored.
 */
public final class RosterConfig {
    private final Map<String, Object> values;
    private final Map<String, String> sources;

    private RosterConfig(Map<String, Object> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /** All defaults. */
    public static RosterConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The standard load order: file (may be null), environment, overrides. */
    public static RosterConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Builder b = builder();
        if (file != null) {
            b.file(file);
        }
        return b.env(env).overrides(overrides, "--set").build();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(key.name());
        if (v == null) {
            throw new IllegalArgumentException("unknown key " + key.name());
        }
        return (T) v;
    }

    /** Where the value of {@code key} came from: default, a file, an environment variable or --set. */
    public String sourceOf(ConfigKey<?> key) {
        return sources.getOrDefault(key.name(), "default");
    }

    public Set<NodeRole> roles() {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String r : get(ConfigKeys.ROLES)) {
            try {
                roles.add(NodeRole.valueOf(r.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid value '" + r + "' in " + ConfigKeys.ROLES.name() + " (from "
                        + sourceOf(ConfigKeys.ROLES) + "): roles are meta, data and session");
            }
        }
        if (roles.isEmpty()) {
            throw new ConfigException(ConfigKeys.ROLES.name() + " is empty: name at least one of meta, data, session");
        }
        return roles;
    }

    public RegistryLimits limits() {
        return new RegistryLimits(get(ConfigKeys.LIMITS_DATA_INFO_ID_MAX_LENGTH), get(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES),
                get(ConfigKeys.LIMITS_DATA_ITEMS_MAX), get(ConfigKeys.LIMITS_APP_NAME_MAX_LENGTH));
    }

    /**
     * rpc.max-frame-bytes, checked against the registry limits: a frame must hold at least two of the largest
     * publishers a client may register plus 1 MiB of names and framing, or a legal registration would be refused.
     */
    public int maxFrameBytes() {
        int cap = get(ConfigKeys.RPC_MAX_FRAME_BYTES);
        long publisher = (long) get(ConfigKeys.LIMITS_DATA_ITEMS_MAX) * get(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES);
        long needed = 2 * publisher + (1 << 20);
        if (cap < needed) {
            throw new ConfigException(ConfigKeys.RPC_MAX_FRAME_BYTES.name() + "=" + cap + " (from "
                    + sourceOf(ConfigKeys.RPC_MAX_FRAME_BYTES) + ") is below " + needed + " bytes, twice the largest publisher ("
                    + ConfigKeys.LIMITS_DATA_ITEMS_MAX.name() + " x " + ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES.name() + " = "
                    + publisher + ") plus 1 MiB: raise it or lower those limits");
        }
        return cap;
    }

    /**
     * The address the meta, data and session ports listen on: roster.bind-host, else roster.host. Checks that
     * roster.host, which the other nodes are told, is not a wildcard: a peer cannot reach 0.0.0.0.
     */
    public String bindHost() {
        String host = get(ConfigKeys.HOST);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw new ConfigException(ConfigKeys.HOST.name() + "='" + host + "' (from " + sourceOf(ConfigKeys.HOST)
                    + ") is advertised to the other nodes, so it must be an address they reach: set it to this machine's "
                    + "address, and " + ConfigKeys.BIND_HOST.name() + "=0.0.0.0 to listen on every interface");
        }
        String bind = get(ConfigKeys.BIND_HOST);
        return bind.isEmpty() ? host : bind;
    }

    /** This node's meta address (host:meta.port). */
    public String metaAddress() {
        return get(ConfigKeys.HOST) + ":" + get(ConfigKeys.META_PORT);
    }

    /** The meta Raft group: meta.peers, or this node alone. */
    public List<String> metaPeers() {
        List<String> peers = get(ConfigKeys.META_PEERS);
        return peers.isEmpty() ? List.of(metaAddress()) : peers;
    }

    /** Where data and session nodes find meta: meta.servers, else meta.peers, else this node's meta. */
    public List<String> metaServers() {
        List<String> servers = get(ConfigKeys.META_SERVERS);
        return servers.isEmpty() ? metaPeers() : servers;
    }

    /** A copy with one value replaced, as if given by --set; used by launchers and tests. */
    public RosterConfig with(ConfigKey<?> key, String value) {
        Builder b = new Builder();
        b.raw.putAll(rawValues());
        b.rawSources.putAll(sources);
        return b.set(key.name(), value, "--set").build();
    }

    private Map<String, String> rawValues() {
        Map<String, String> raw = new HashMap<>();
        values.forEach((k, v) -> raw.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : String.valueOf(v)));
        return raw;
    }

    public static final class Builder {
        private final Map<String, String> raw = new HashMap<>();
        private final Map<String, String> rawSources = new HashMap<>();

        private Builder() {
        }

        public Builder set(String name, String value, String source) {
            if (ConfigKeys.byName(name) == null) {
                throw new ConfigException("unknown configuration key '" + name + "' (from " + source + ")" + suggestion(name));
            }
            raw.put(name, value);
            rawSources.put(name, source);
            return this;
        }

        public Builder set(ConfigKey<?> key, String value) {
            return set(key.name(), value, "--set");
        }

        public Builder file(Path file) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) { // the latter: a malformed \\uXXXX escape
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            for (String name : props.stringPropertyNames()) {
                set(name, props.getProperty(name), file.toString());
            }
            return this;
        }

        public Builder env(Map<String, String> env) {
            Map<String, ConfigKey<?>> byEnv = new HashMap<>();
            for (ConfigKey<?> k : ConfigKeys.ALL) {
                byEnv.put(ConfigKeys.envName(k), k);
            }
            List<String> unknown = new ArrayList<>();
            env.forEach((name, value) -> {
                if (!name.startsWith("ROSTER_")) {
                    return;
                }
                ConfigKey<?> k = byEnv.get(name);
                if (k == null) {
                    unknown.add(name);
                } else {
                    set(k.name(), value, "environment variable " + name);
                }
            });
            if (!unknown.isEmpty()) {
                throw new ConfigException("unknown environment variable(s) " + String.join(", ", unknown.stream().sorted().toList())
                        + ": ROSTER_* variables must name a configuration key, e.g. " + ConfigKeys.envName(ConfigKeys.SESSION_PORT));
            }
            return this;
        }

        public Builder overrides(Map<String, String> overrides, String source) {
            overrides.forEach((k, v) -> set(k, v, source));
            return this;
        }

        public RosterConfig build() {
            Map<String, Object> values = new HashMap<>();
            Map<String, String> sources = new HashMap<>();
            for (ConfigKey<?> k : ConfigKeys.ALL) {
                String text = raw.getOrDefault(k.name(), k.defaultValue());
                String source = rawSources.getOrDefault(k.name(), "default");
                values.put(k.name(), k.parse(text, source));
                sources.put(k.name(), source);
            }
            RosterConfig config = new RosterConfig(values, sources);
            config.roles();
            config.limits();
            config.maxFrameBytes();
            return config;
        }

        private static String suggestion(String name) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (ConfigKey<?> k : ConfigKeys.ALL) {
                int d = distance(name, k.name());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k.name();
                }
            }
            return best != null && bestDistance <= 3 ? "; did you mean '" + best + "'?" : "";
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }
}
