package io.roster.tools.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What creating a cluster put into its directory, so that a creation that never got a node running can be taken
 * back and the directory used again. Only paths registered here are deleted, plus the directory itself if it was
 * new and is empty afterwards: a pre-existing directory may hold the operator's own files.
 */
final class CreatedFiles {
    private final Path dir;
    private final boolean dirWasNew;
    private final List<Path> paths = new ArrayList<>();

    CreatedFiles(Path dir) {
        this.dir = dir;
        this.dirWasNew = !Files.exists(dir);
    }

    /** Registers a file or directory (deleted with its contents) under the cluster directory. */
    void add(Path p) {
        if (!p.normalize().startsWith(dir) || p.normalize().equals(dir)) {
            throw new IllegalArgumentException(p + " is not inside " + dir);
        }
        if (!paths.contains(p)) {
            paths.add(p);
        }
    }

    /** Deletes everything registered, newest first; then the directory if this run created it and it is empty. */
    void removeAll() {
        for (int i = paths.size() - 1; i >= 0; i--) {
            deleteTree(paths.get(i));
        }
        if (dirWasNew) {
            try (Stream<Path> left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
