package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The addresses of a local cluster, as {@code roster cluster start} writes them to {@code DIR/cluster.properties}:
 * {@code meta=}, {@code sessions=}, {@code data=} and {@code http=}, each a comma-separated host:port list.
 */
public record ClusterFile(List<String> meta, List<String> sessions, List<String> data, List<String> http) {
    public static final String NAME = "cluster.properties";

    public ClusterFile {
        meta = List.copyOf(meta);
        sessions = List.copyOf(sessions);
        data = List.copyOf(data);
        http = List.copyOf(http);
    }

    public static Path in(Path dir) {
        return dir.resolve(NAME);
    }

    public static ClusterFile read(Path dir) {
        Path file = in(dir);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("no cluster at " + dir + ": " + file + " does not exist (start one with roster cluster start --dir "
                    + dir + ")");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return new ClusterFile(list(p, "meta", file), list(p, "sessions", file), list(p, "data", file), list(p, "http", file));
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# written by roster cluster start; every CLI command reads it with --cluster " + dir + "\n");
            w.write("meta=" + String.join(",", meta) + "\n");
            w.write("sessions=" + String.join(",", sessions) + "\n");
            w.write("data=" + String.join(",", data) + "\n");
            w.write("http=" + String.join(",", http) + "\n");
        }
        Files.move(tmp, in(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> list(Properties p, String key, Path file) {
        String value = p.getProperty(key, "");
        List<String> out = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String a : out) {
            try {
                HostPort.parse(a);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + key + ": " + e.getMessage());
            }
        }
        return out;
    }
}
