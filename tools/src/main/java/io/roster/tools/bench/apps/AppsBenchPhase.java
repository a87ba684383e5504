package io.roster.tools.bench.apps;

import io.roster.client.RosterClient;
import io.roster.tools.bench.admin.AdminMetrics;
import io.roster.tools.bench.admin.HeapAfterGc;
import io.roster.tools.bench.admin.ServerAdmins;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One level of `roster bench apps` on the cluster: the pods registered, every consumer's lists awaited, the figures
 * read once they settled, one provider pod leaving (its pushes counted until the sessions' counters settle), and
 * every client closed. Figures are growths over the cluster as it was (settled) just before, so the levels can run
 * one after the other on one cluster.
 */
final class AppsBenchPhase {
    /** The load: P provider pods serving I interfaces, C consumer pods each consuming K of them, on so many clients. */
    record Shape(int providers, int interfaces, int consumers, int consumed, int providerClients, int consumerClients) {
        /** The interfaces consumer {@code c} consumes: K consecutive ones from c * K, wrapping, so all are used. */
        List<Integer> consumedBy(int c) {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < consumed; j++) {
                out.add((c * consumed + j) % interfaces);
            }
            return out;
        }

        /** The client pod {@code pod} of {@code pods} uses: its own unless {@code clients} (> 0) are shared round-robin. */
        static int clientOf(int pod, int clients) {
            return clients == 0 ? pod : pod % clients;
        }
    }

    private final Shape shape;
    private final Function<String, RosterClient> connect;
    private final List<String> admins;
    private final List<String> metaServers;
    private final int metaTimeoutMs;
    private final long timeoutNanos;
    private final long settleMs;
    private final ClientEntries clientEntries;
    private final PrintWriter progress;

    AppsBenchPhase(Shape shape, Function<String, RosterClient> connect, List<String> admins, List<String> metaServers,
                   int metaTimeoutMs, long timeoutNanos, long settleMs, ClientEntries clientEntries, PrintWriter progress) {
        this.shape = shape;
        this.connect = connect;
        this.admins = admins;
        this.metaServers = metaServers;
        this.metaTimeoutMs = metaTimeoutMs;
        this.timeoutNanos = timeoutNanos;
        this.settleMs = settleMs;
        this.clientEntries = clientEntries;
        this.progress = progress;
    }

    AppsBenchReport.Result run(Workload w, List<String> interfaceIds) {
        List<RosterClient> opened = new ArrayList<>();
        try {
            ClusterCounts base = settled("the cluster before the " + w.level() + " load");
            Long heapBefore = dataHeap();
            long started = System.nanoTime();
            List<RosterClient> providers = clients("bench-apps-provider", shape.providers(), shape.providerClients(), opened);
            for (int p = 0; p < shape.providers(); p++) {
                w.provide(providers.get(Shape.clientOf(p, shape.providerClients())), p, address(p), interfaceIds);
            }
            List<RosterClient> consumers = clients("bench-apps-consumer", shape.consumers(), shape.consumerClients(), opened);
            for (int c = 0; c < shape.consumers(); c++) {
                w.consume(consumers.get(Shape.clientOf(c, shape.consumerClients())),
                        shape.consumedBy(c).stream().map(interfaceIds::get).toList());
            }
            await(() -> w.allListsHave(shape.providers()), "every consumer list to hold the " + shape.providers() + " providers");
            double registerSeconds = (System.nanoTime() - started) / 1e9;
            log(w.level() + ": registered and pushed in %.1f s", registerSeconds);
            ClusterCounts loaded = settled("the counts under the " + w.level() + " load").minus(base);
            Long heapAfter = dataHeap();
            Long heap = heapBefore == null || heapAfter == null ? null : heapAfter - heapBefore;
            Entries entries = entries(w, consumers);

            ClusterCounts beforeLeave = read();
            w.leave(0);
            await(() -> w.allListsHave(shape.providers() - 1), "every consumer list to drop the provider pod that left");
            ClusterCounts left = settled("the push counters after a provider pod left").minus(beforeLeave);
            log(w.level() + ": a provider pod left: %d pushes, %d bytes", left.pushesAcked(), left.pushBytes());
            return new AppsBenchReport.Result(w.level(), loaded.sessionPublishers(), loaded.sessionSubscribers(),
                    loaded.dataPublishers(), heap, left.pushesAcked(), left.pushBytes(), entries.count(), entries.source(),
                    registerSeconds);
        } finally {
            opened.forEach(RosterClient::close);
        }
    }

    private record Entries(Long count, String source) {
    }

    private Entries entries(Workload w, List<RosterClient> consumers) {
        if (w instanceof Workload.InterfaceLevel) {
            return new Entries(w.listEntries(), "the items of every subscribed list");
        }
        long sum = 0;
        for (RosterClient c : new LinkedHashSet<>(consumers)) {
            OptionalLong held = clientEntries.held(c);
            if (held.isEmpty()) {
                return new Entries(w.listEntries(), "the instances of every listener's list (no "
                        + ClientEntries.ACCESSOR + "() for this client)");
            }
            sum += held.getAsLong();
        }
        return new Entries(sum, "the SDK clients' " + ClientEntries.ACCESSOR + "(): application instances, each once, "
                + "plus interface-level items");
    }

    private List<RosterClient> clients(String app, int pods, int shared, List<RosterClient> opened) {
        int n = shared == 0 ? pods : Math.min(shared, pods);
        List<RosterClient> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RosterClient c = connect.apply(app + "-" + i);
            opened.add(c);
            out.add(c);
        }
        return out;
    }

    /** Pod p's address: 10.x.y.z:12200 from p. */
    static String address(int p) {
        return "10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "." + (p & 255) + ":12200";
    }

    private ClusterCounts read() {
        return ClusterCounts.read(admins, metaServers, metaTimeoutMs);
    }

    /** The counts once unchanged for --settle-ms (heartbeat counts lag; pushes finish). */
    private ClusterCounts settled(String what) {
        long deadline = System.nanoTime() + timeoutNanos;
        ClusterCounts last = read();
        long since = System.nanoTime();
        while (System.nanoTime() - since < settleMs * 1_000_000L) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + " to settle (last: " + last + ")");
            }
            pause(Math.max(50, settleMs / 4));
            ClusterCounts now = read();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /** The data processes' used heap after a full GC, summed; null when one cannot be measured. */
    private Long dataHeap() {
        try {
            Set<String> data = new LinkedHashSet<>();
            ServerAdmins.scrape(admins).data().stream().map(AdminMetrics::admin).forEach(data::add);
            long sum = 0;
            for (String a : data) {
                OptionalLong heap = HeapAfterGc.read(a);
                if (heap.isEmpty()) {
                    return null;
                }
                sum += heap.getAsLong();
            }
            return data.isEmpty() ? null : sum;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            pause(5);
        }
    }

    private void log(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
