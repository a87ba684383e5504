package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a local cluster under one directory: per node {@code <node>.properties} (its configuration),
 * {@code <node>.log}, {@code <node>.pid}, the data directory {@code <node>/} and {@code native/<node>/} for
 * rocksdb's library; and {@code cluster.properties} ({@link ClusterFile}) with the addresses for the CLI.
 */
public final class ClusterDir {
    private final Path dir;

    /**
     * {@code dir} is resolved through symlinks (as far as it exists), so every command names a node's files by the
     * same path whichever spelling of the directory it was given: the launch puts that path on the node's command
     * line, and stop and kill recognise the node by it.
     */
    public ClusterDir(Path dir) {
        this.dir = canonical(dir);
    }

    static Path canonical(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            // unreadable on the way: the path as given is still the best name
            return abs;
        }
    }

    public Path path() {
        return dir;
    }

    public Path config(NodeName n) {
        return dir.resolve(n + ".properties");
    }

    public Path log(NodeName n) {
        return dir.resolve(n + ".log");
    }

    public Path pidFile(NodeName n) {
        return dir.resolve(n + ".pid");
    }

    /**
     * Where rocksdbjni unpacks its native library for {@code n} (ROCKSDB_SHAREDLIB_DIR), instead of /tmp. One per
     * node: rocksdbjni deletes and rewrites a fixed file name there, so nodes starting together in one directory
     * load each other's half-written library and crash.
     */
    public Path nativeDir(NodeName n) {
        return dir.resolve("native").resolve(n.toString());
    }

    /** True when a cluster was created here (its cluster file exists). */
    public boolean exists() {
        return Files.isRegularFile(ClusterFile.in(dir));
    }

    /** The nodes with a configuration file here, meta first. */
    public List<NodeName> nodes() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<NodeName> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".properties"))
                    .map(f -> NodeName.fromStem(f.substring(0, f.length() - ".properties".length())))
                    .filter(n -> n != null).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The nodes here; fails with a message pointing at {@code roster cluster start} when there is no cluster. */
    public List<NodeName> requireNodes() {
        List<NodeName> nodes = nodes();
        if (!exists() || nodes.isEmpty()) {
            throw new ConfigException("no cluster in " + dir + " (start one with roster cluster start --dir " + dir + ")");
        }
        return nodes;
    }

    public NodeConfig readConfig(NodeName n) {
        Path file = config(n);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("the cluster in " + dir + " has no " + n + " (no " + file.getFileName() + "); it has "
                    + nodes().stream().map(NodeName::toString).toList());
        }
        return NodeConfig.read(n, file);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
