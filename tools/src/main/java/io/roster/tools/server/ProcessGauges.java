package io.roster.tools.server;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's own figures on /metrics, for benchmarks that measure a server from outside (roster bench register,
 * roster bench hot): heap used now ({@code jvm.heap.used}, bytes; no GC is forced), CPU time the whole process
 * used since it started ({@code process.cpu.seconds}, every thread, every role in it) and its pid
 * ({@code process.pid}, so a bench on the same host can ask that JVM for a GC before reading the heap).
 */
final class ProcessGauges {
    private ProcessGauges() {
    }

    /** Idempotent: a gauge already in {@code metrics} is kept. */
    static void registerOn(MetricRegistry metrics) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metrics.gauge("jvm.heap.used", () -> (Gauge<Long>) () -> memory.getHeapMemoryUsage().getUsed());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            metrics.gauge("process.cpu.seconds", () -> (Gauge<Double>) () -> hotspot.getProcessCpuTime() / 1e9);
        }
        long pid = ProcessHandle.current().pid();
        metrics.gauge("process.pid", () -> (Gauge<Long>) () -> pid);
    }
}
