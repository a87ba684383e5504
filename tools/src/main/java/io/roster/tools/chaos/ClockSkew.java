package io.roster.tools.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The environment that runs a node's JVM under libfaketime (Debian's {@code faketime} package) with its wall clock
 * shifted: {@code System.currentTimeMillis} and {@code Instant.now} are off, {@code System.nanoTime} is not
 * (FAKETIME_DONT_FAKE_MONOTONIC), so timeouts and sleeps keep their length while every wall-clock time the node
 * reads, writes or compares with another process's is minutes off.
 */
final class ClockSkew {
    private static final List<Path> LIBRARIES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));

    private ClockSkew() {
    }

    /** Where libfaketime is, or an {@link IllegalStateException} saying how to get it. */
    static Path library() {
        return LIBRARIES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                "skew faults need libfaketime (apt-get install faketime); looked in " + LIBRARIES));
    }

    /** The variables for a wall clock {@code skewMs} off (rounded to whole seconds, as libfaketime takes them). */
    static Map<String, String> environment(long skewMs) {
        long seconds = skewMs / 1000;
        return Map.of("LD_PRELOAD", library().toString(),
                "FAKETIME", (seconds >= 0 ? "+" : "") + seconds,
                "FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }
}
