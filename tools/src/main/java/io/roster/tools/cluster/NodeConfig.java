package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration file of one local node, as {@code roster server --config} reads it. Only the keys the
 * launcher itself needs (host, ports, data dir) are interpreted here; the node validates the whole file.
 */
public record NodeConfig(NodeName name, Map<String, String> values) {
    public NodeConfig {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String host() {
        return require(ConfigKeys.HOST);
    }

    public int rolePort() {
        return port(ClusterConfigs.roleKey(name.role()));
    }

    public int adminPort() {
        return port(ConfigKeys.ADMIN_PORT);
    }

    /** host:port of the node's role, as meta lists it (and, for meta, as Raft names it). */
    public String address() {
        return host() + ":" + rolePort();
    }

    public String adminAddress() {
        return host() + ":" + adminPort();
    }

    public Path dataDir() {
        return Path.of(require(ConfigKeys.DATA_DIR));
    }

    private int port(ConfigKey<Integer> key) {
        String v = require(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": " + key.name() + "=" + v + " is not a port");
        }
    }

    private String require(ConfigKey<?> key) {
        String v = values.get(key.name());
        if (v == null || v.isBlank()) {
            throw new ConfigException("the configuration of " + name + " has no " + key.name());
        }
        return v.trim();
    }

    void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# " + name + " of a local cluster, written by roster cluster start. Run alone with:\n");
            w.write("#   roster server --config " + file + "\n");
            for (Map.Entry<String, String> e : values.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    static NodeConfig read(NodeName name, Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return new NodeConfig(name, values);
    }
}
