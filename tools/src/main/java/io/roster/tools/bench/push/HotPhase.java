package io.roster.tools.bench.push;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.tools.bench.admin.ServerAdmins;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One phase of `roster bench hot`: S subscribers of the hot service on the given clients (subscriber j on client
 * j % C), their first lists awaited, then the changes one at a time. The sessions' counters are read just before
 * the first change and just after the last was seen, so the figures per change hold the republish's handling and
 * every push it caused, and nothing of the set-up.
 */
final class HotPhase {
    private final String name;
    private final List<RosterClient> clients;
    private final int subscribers;
    private final int instances;
    private final long timeoutNanos;
    private final Recorder latency = new Recorder(3);
    private final PushMessages messages;
    private final List<HotProbe> probes = new ArrayList<>();

    HotPhase(String name, List<RosterClient> clients, int subscribers, int instances, int timeoutSecs) {
        this.name = name;
        this.clients = clients;
        this.subscribers = subscribers;
        this.instances = instances;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSecs);
        this.messages = new PushMessages(clients.size());
    }

    /** Subscribes everyone and waits until each has the full list of instances. */
    void subscribe(String dataId) {
        probes.clear();
        for (int j = 0; j < subscribers; j++) {
            int holder = j % clients.size();
            HotProbe probe = new HotProbe(latency, System::nanoTime, messages, holder);
            probes.add(probe);
            clients.get(holder).subscribe(dataId, probe);
        }
        await(p -> p.lastSize() >= instances, "every subscriber to get the " + instances + " instances");
    }

    Result measure(List<Publication> publications, long firstSeq, int changes, long intervalMs, List<String> admins) {
        ServerFigures before = ServerFigures.read(admins);
        latency.getIntervalHistogram(); // forget the first lists
        long messagesBefore = messages.count();
        long started = System.nanoTime();
        for (int c = 0; c < changes; c++) {
            long seq = firstSeq + c;
            publications.get((int) (seq % publications.size())).republish(PushProbe.item(seq, System.nanoTime()));
            await(p -> p.lastSeq() >= seq, "every subscriber to see change " + seq);
            SdkClientBench.pause(intervalMs);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ServerFigures after = ServerFigures.read(admins);
        Histogram h = latency.getIntervalHistogram();
        return new Result(name, changes, seconds, (messages.count() - messagesBefore) / (double) changes,
                after.minus(before, changes), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    private void await(Predicate<HotProbe> done, String what) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!probes.stream().allMatch(done)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + " (phase " + name + ")");
            }
            SdkClientBench.pause(1);
        }
    }

    /** The sessions' counters at one moment, or why they could not be read. */
    record ServerFigures(double pushBytes, double cpuSeconds, String unavailable) {
        static ServerFigures read(List<String> admins) {
            try {
                ServerAdmins.Scrape s = ServerAdmins.scrape(admins);
                if (s.sessions().isEmpty()) {
                    return new ServerFigures(0, 0, "no session among " + admins);
                }
                return new ServerFigures(s.sessionSum("session_push_bytes"), s.sessionSum("process_cpu_seconds"), null);
            } catch (IllegalStateException e) {
                return new ServerFigures(0, 0, e.getMessage());
            }
        }

        /** Per change, from {@code before} to this. */
        ServerFigures minus(ServerFigures before, int changes) {
            String why = unavailable != null ? unavailable : before.unavailable;
            return new ServerFigures((pushBytes - before.pushBytes) / changes, (cpuSeconds - before.cpuSeconds) / changes, why);
        }
    }

    record Result(String name, int changes, double seconds, double messagesPerChange, ServerFigures perChange,
                  double p50Ms, double p99Ms, double maxMs, long latencies) {
        String server() {
            return perChange.unavailable() != null ? "session figures not read (" + perChange.unavailable() + ")"
                    : String.format("%.0f bytes pushed (session.push.bytes), %.2f ms CPU of the session processes (process.cpu.seconds)",
                    perChange.pushBytes(), perChange.cpuSeconds() * 1000);
        }

        String report() {
            return String.format("%s: %d changes in %.1f s; per change: %s, %.1f push messages; latency (publish to listener): "
                    + "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d first-seen pushes", name, changes, seconds, server(),
                    messagesPerChange, p50Ms, p99Ms, maxMs, latencies);
        }

        String summary() {
            return String.format("%s: %s, %.1f push messages, p50 %.1f ms, p99 %.1f ms", name, server(), messagesPerChange, p50Ms, p99Ms);
        }
    }
}
