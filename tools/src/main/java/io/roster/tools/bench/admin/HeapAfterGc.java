package io.roster.tools.bench.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A server process's used heap right after a full GC: the bench finds the process's pid on its /metrics
 * ({@code process.pid}), asks that JVM for a GC with {@code jcmd PID GC.run} (so only a server on this host, run by
 * this user, with the JDK's jcmd next to this JVM's java), then reads {@code jvm.heap.used}. Empty when any of that
 * is missing: the bench then says it could not measure, rather than print a heap full of garbage.
 */
public final class HeapAfterGc {
    private HeapAfterGc() {
    }

    public static OptionalLong read(String admin) {
        AdminMetrics before = AdminMetrics.scrape(admin);
        OptionalLong pid = before.value("process_pid").map(d -> OptionalLong.of(d.longValue())).orElse(OptionalLong.empty());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).isEmpty() || !Files.isExecutable(jcmd)) {
            return OptionalLong.empty();
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid.getAsLong()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return AdminMetrics.scrape(admin).value("jvm_heap_used").map(d -> OptionalLong.of(d.longValue())).orElse(OptionalLong.empty());
    }
}
