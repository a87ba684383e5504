package io.roster.tools.bench.push;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import io.roster.tools.bench.admin.ServerAdmins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `roster bench push`: publish-to-push latency against any running cluster. SDK clients hold N subscribers over K
 * services; one publisher changes the services round-robin (from --publishers threads, each with its share of the
 * services, to load a session harder); each push's latency is measured in this JVM from the
 * publish call to the subscriber's listener (HdrHistogram), so it includes the session, data, notice, debounce,
 * read and push.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Measure publish-to-push latency on a running cluster: N subscribers over K services held by",
                "SDK clients in this JVM, one publisher making C changes round-robin over the services",
                "(from --publishers threads, each changing its own share of the services).",
                "Prints latency p50/p99/p999/max, pushes per second and bytes."})
public final class PushBenchCommand extends SdkClientBench {
    @Option(names = "--services", paramLabel = "K", defaultValue = "100", description = "Services they spread over (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "1000", description = "Subscribers in all (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--changes", paramLabel = "C", defaultValue = "1000", description = "Changes to make (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--heap-per-subscriber", description = {"Also print the session's heap per subscriber (its client",
            "connections included) after a full GC, read as roster bench register reads heap per publisher (see --admin)."})
    boolean heapPerSubscriber;

    @Mixin
    ServerAdmins admins;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "20", description = "SDK clients holding the subscribers (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--publishers", paramLabel = "P", defaultValue = "1",
            description = "Threads making the changes in parallel, each on its own share of the services (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "5", description = "Pause between two changes (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "120", description = "Bound on waiting for the last pushes (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    String invalidOptions() {
        if (subscribers < 1 || services < 1 || changes < 1 || clients < 1 || publishers < 1 || publishers > services
                || intervalMs < 0 || timeoutSecs < 1) {
            return "--subscribers, --services, --changes, --clients, --publishers and --timeout-secs "
                    + "must be positive, and --publishers at most --services";
        }
        return null;
    }

    @Override
    int run(PrintWriter out, List<RosterClient> opened) {
        String prefix = "roster.bench.push." + Long.toHexString(System.nanoTime()) + ".svc";
        Recorder latency = new Recorder(3);
        AtomicLong pushes = new AtomicLong(), bytes = new AtomicLong();
        List<List<PushProbe>> probesByService = new ArrayList<>();
        for (int k = 0; k < services; k++) {
            probesByService.add(new ArrayList<>());
        }
        ServerHeaps heaps = heapPerSubscriber ? ServerHeaps.before(admins.addresses(client.clusterDir())) : null;
        for (int c = 0; c < clients; c++) {
            opened.add(client.connect("bench-consumer-" + c));
        }
        PushMessages messages = new PushMessages(clients * services);
        for (int i = 0; i < subscribers; i++) {
            // Subscriber i: service i % K, client (i / K) % N, so each service's subscribers spread over the clients
            // and a change costs a message per client holding one (not one message to a single client).
            int service = i % services, holder = (i / services) % clients;
            PushProbe probe = new PushProbe(latency, pushes, bytes, System::nanoTime, messages, holder * services + service);
            probesByService.get(service).add(probe);
            opened.get(holder).subscribe(prefix + service, probe);
        }
        if (heaps != null) {
            heaps.printPer("subscriber", subscribers, out);
        }
        RosterClient publisher = client.connect("bench-provider");
        opened.add(publisher);
        List<Publication> publications = new ArrayList<>();
        for (int k = 0; k < services; k++) {
            publications.add(publisher.publish(prefix + k, PushProbe.item(-1, System.nanoTime())));
        }
        out.printf("push benchmark: %d subscribers over %d services on %d clients, %d changes every %d ms by %d publisher(s)%n",
                subscribers, services, clients, changes, intervalMs, publishers);
        out.flush();
        latency.getIntervalHistogram(); // forget the pushes of the set-up
        long pushesBefore = pushes.get();
        long messagesBefore = messages.count();
        long bytesBefore = bytes.get();
        long started = System.nanoTime();
        long[] lastSeqOf = new long[services];
        java.util.Arrays.fill(lastSeqOf, -1);
        makeChanges(publications, lastSeqOf);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSecs);
        while (!allSeen(probesByService, lastSeqOf)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every subscriber got the last change within " + timeoutSecs + " s");
            }
            pause(5);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram h = latency.getIntervalHistogram();
        long pushed = pushes.get() - pushesBefore;
        out.printf("latency (publish to listener): p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms over %d first-seen pushes%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
        long sent = messages.count() - messagesBefore;
        out.printf("pushes: %d to subscribers in %.1f s (%.0f per second), in %d push messages (%.0f per second), %d bytes of data%n",
                pushed, seconds, pushed / seconds, sent, sent / seconds, bytes.get() - bytesBefore);
        return 0;
    }

    /**
     * Makes the changes round-robin over the services; with several publishers, thread j takes the services k with
     * k % publishers == j, so each service still changes in order, from one thread.
     */
    private void makeChanges(List<Publication> publications, long[] lastSeqOf) {
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int j = 0; j < publishers; j++) {
                int share = j;
                done.add(pool.submit(() -> {
                    for (int seq = 0; seq < changes; seq++) {
                        int k = seq % services;
                        if (k % publishers == share) {
                            publications.get(k).republish(PushProbe.item(seq, System.nanoTime()));
                            lastSeqOf[k] = seq;
                            pause(intervalMs);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making changes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a change failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean allSeen(List<List<PushProbe>> probesByService, long[] lastSeqOf) {
        for (int k = 0; k < lastSeqOf.length; k++) {
            if (lastSeqOf[k] < 0) {
                continue;
            }
            for (PushProbe p : probesByService.get(k)) {
                if (p.lastSeq() < lastSeqOf[k]) {
                    return false;
                }
            }
        }
        return true;
    }
}
