package io.roster.common.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The seed corpus of one {@code @FuzzTest} method, where Jazzer looks for it:
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/}. Tests check that the seeds they need are there;
 * run them with {@code -Droster.fuzz.write-seeds=true} (from the module directory) to (re)write those seeds.
 * The same as testkit's, which common cannot depend on (testkit depends on common).
 */
public final class FuzzInputs {
    private final Path dir;

    private FuzzInputs(Path dir) {
        this.dir = dir;
    }

    public static FuzzInputs of(Class<?> test, String method) {
        String pkg = test.getPackageName().replace('.', '/');
        return new FuzzInputs(Path.of("src/test/resources", pkg, test.getSimpleName() + "Inputs", method));
    }

    public void writeSeedIfAsked(String name, byte[] seed) {
        if (!Boolean.getBoolean("roster.fuzz.write-seeds")) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether some input of the corpus (read from the classpath copy's source, the module directory) is {@code seed}. */
    public boolean contains(byte[] seed) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> Arrays.equals(read(f), seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] concat(byte[] head, byte[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
