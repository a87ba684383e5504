package io.roster.tools.bench.push;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `roster bench flood`: does one client flooding registrations raise the other clients' push latency? N SDK clients
 * each subscribe to K services; one publisher changes them round-robin and each push's latency (publish call to
 * listener, HdrHistogram, as `bench push` measures it) is recorded, after an unmeasured warm-up phase first quietly,
 * then while a {@link Flooder}
 * publishes as fast as the session answers on its own connection. Prints both, the ratio, and what the flood got.
 */
@Command(name = "flood", mixinStandardHelpOptions = true,
        description = {"Measure push latency of normal clients without, then with, one client flooding registrations",
                "(a raw connection publishing as fast as the session answers, never backing off). Prints p50/p99",
                "of both phases, their ratio, and how many of the flood's calls were accepted or RATE_LIMITED."})
public final class FloodBenchCommand extends SdkClientBench {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "10", description = "Normal SDK clients, each subscribing to every service (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--services", paramLabel = "K", defaultValue = "20", description = "Services changed (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--changes", paramLabel = "C", defaultValue = "500", description = "Changes per phase (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "10", description = "Pause between two changes (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--flood-in-flight", paramLabel = "F", defaultValue = "256", description = "Calls the flooding client keeps outstanding (default: ${DEFAULT-VALUE}).")
    int floodInFlight;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "2000", description = "Flood before measuring, so its burst is spent (default: ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "120", description = "Bound on waiting for the last pushes (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    String invalidOptions() {
        if (clients < 1 || services < 1 || changes < 1 || intervalMs < 0 || floodInFlight < 1 || warmupMs < 0 || timeoutSecs < 1) {
            return "--clients, --services, --changes, --flood-in-flight and --timeout-secs must be positive";
        }
        return null;
    }

    @Override
    int run(PrintWriter out, List<RosterClient> opened) {
        String prefix = "roster.bench.flood-probe." + Long.toHexString(System.nanoTime()) + ".svc";
        Recorder latency = new Recorder(3);
        AtomicLong pushes = new AtomicLong(), bytes = new AtomicLong();
        PushMessages messages = new PushMessages(clients * services);
        List<List<PushProbe>> probes = new ArrayList<>();
        for (int k = 0; k < services; k++) {
            probes.add(new ArrayList<>());
        }
        for (int c = 0; c < clients; c++) {
            RosterClient client = this.client.connect("bench-normal-" + c);
            opened.add(client);
            for (int k = 0; k < services; k++) {
                PushProbe probe = new PushProbe(latency, pushes, bytes, System::nanoTime, messages, c * services + k);
                probes.get(k).add(probe);
                client.subscribe(prefix + k, probe);
            }
        }
        RosterClient publisher = client.connect("bench-provider");
        opened.add(publisher);
        List<Publication> publications = new ArrayList<>();
        for (int k = 0; k < services; k++) {
            publications.add(publisher.publish(prefix + k, PushProbe.item(-1, System.nanoTime())));
        }
        String session = client.sessionAddresses().get(0);
        out.printf("flood benchmark: %d clients x %d services, %d changes every %d ms per phase; flood on %s, %d in flight%n",
                clients, services, changes, intervalMs, session, floodInFlight);
        out.flush();
        long[] seq = {0};
        phase(latency, publications, probes, seq); // warm-up, not counted: the first phase would pay for the JIT
        Histogram quiet = phase(latency, publications, probes, seq);
        print(out, "without flood", quiet);
        Histogram flooded;
        Flooder.Counts flood;
        try (Flooder flooder = new Flooder(session, floodInFlight)) {
            flooder.start();
            pause(warmupMs);
            Flooder.Counts before = flooder.counts();
            long started = System.nanoTime();
            flooded = phase(latency, publications, probes, seq);
            double seconds = (System.nanoTime() - started) / 1e9;
            flood = flooder.counts().minus(before);
            print(out, "with flood", flooded);
            out.printf("flood during the phase (%.1f s): %d calls sent (%.0f/s), %d accepted (%.0f/s), %d RATE_LIMITED (%.0f/s), %d other%n",
                    seconds, flood.sent(), flood.sent() / seconds, flood.ok(), flood.ok() / seconds, flood.rateLimited(),
                    flood.rateLimited() / seconds, flood.other());
        }
        out.printf("ratio with/without flood: p50 %.2fx, p99 %.2fx%n", ratio(flooded, quiet, 50), ratio(flooded, quiet, 99));
        return 0;
    }

    private static double ratio(Histogram with, Histogram without, double percentile) {
        return (double) with.getValueAtPercentile(percentile) / Math.max(1, without.getValueAtPercentile(percentile));
    }

    private static void print(PrintWriter out, String phase, Histogram h) {
        out.printf("%s: p50 %.1f ms, p99 %.1f ms, p999 %.1f ms, max %.1f ms over %d pushes%n", phase,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
        out.flush();
    }

    /** Makes {@link #changes} changes round-robin and waits until every subscriber saw the last of each service. */
    private Histogram phase(Recorder latency, List<Publication> publications, List<List<PushProbe>> probes, long[] seq) {
        latency.getIntervalHistogram(); // forget what came before
        long[] lastSeqOf = new long[services];
        Arrays.fill(lastSeqOf, -1);
        for (int i = 0; i < changes; i++) {
            long s = seq[0]++;
            int k = (int) (s % services);
            publications.get(k).republish(PushProbe.item(s, System.nanoTime()));
            lastSeqOf[k] = s;
            pause(intervalMs);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSecs);
        while (!allSeen(probes, lastSeqOf)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every subscriber got the last change within " + timeoutSecs + " s");
            }
            pause(5);
        }
        return latency.getIntervalHistogram();
    }

    private static boolean allSeen(List<List<PushProbe>> probes, long[] lastSeqOf) {
        for (int k = 0; k < lastSeqOf.length; k++) {
            for (PushProbe p : probes.get(k)) {
                if (lastSeqOf[k] >= 0 && p.lastSeq() < lastSeqOf[k]) {
                    return false;
                }
            }
        }
        return true;
    }
}
