package io.roster.tools.bench.push;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
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

/**
 * `roster bench hot`: the cost of one change to a big service. One service holds N instances (publishers spread
 * over a few SDK clients) and S subscribers (spread over C clients); one instance changes at a time, and the next
 * change waits until every subscriber saw the last one. Per change it prints the session's bytes pushed and CPU
 * (from its admin /metrics), the push messages, and the publish-to-listener latency. Phase A's subscriber clients
 * ask for full lists ({@code deltaPush(false)}, as an old SDK), phase B's for deltas; --full-lists or --delta-lists
 * runs one of them only.
 */
@Command(name = "hot", mixinStandardHelpOptions = true,
        description = {"Measure changes to one big service on a running cluster: N instances, S subscribers on C SDK clients,",
                "then one instance republished at a time (the next change waits until every subscriber saw it).",
                "Per change: bytes pushed (the sessions' session.push.bytes), push messages, the sessions' process CPU",
                "(process.cpu.seconds on their admin /metrics), and publish-to-listener latency p50/p99.",
                "Runs phase A with full-list subscriber clients, then phase B with delta-push clients."})
public final class HotBenchCommand extends SdkClientBench {
    @Option(names = "--instances", paramLabel = "N", defaultValue = "7000", description = "Instances of the service (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--subscribers", paramLabel = "S", defaultValue = "500", description = "Subscribers of the service (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "10", description = "SDK clients holding the subscribers (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--publisher-clients", paramLabel = "P", defaultValue = "2",
            description = "SDK clients holding the instances (default: ${DEFAULT-VALUE}).")
    int publisherClients;

    @Option(names = "--changes", paramLabel = "N", defaultValue = "200", description = "Changes per phase (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "50",
            description = "Pause after every subscriber saw a change, before the next (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--full-lists", description = "Only phase A: subscriber clients built with deltaPush(false), full lists.")
    boolean fullListsOnly;

    @Option(names = "--delta-lists", description = "Only phase B: subscriber clients with delta push (the SDK's default).")
    boolean deltaListsOnly;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "120",
            description = "Bound on each wait: the first lists, one change (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Mixin
    ServerAdmins admins;

    @Override
    String invalidOptions() {
        if (instances < 1 || subscribers < 1 || clients < 1 || publisherClients < 1 || changes < 1 || intervalMs < 0 || timeoutSecs < 1) {
            return "--instances, --subscribers, --clients, --publisher-clients, --changes and --timeout-secs must be positive";
        }
        return fullListsOnly && deltaListsOnly ? "--full-lists and --delta-lists exclude each other (neither runs both phases)" : null;
    }

    @Override
    int run(PrintWriter out, List<RosterClient> opened) {
        String dataId = "roster.bench.hot." + Long.toHexString(System.nanoTime()) + ".svc";
        List<String> adminAddresses = admins.addresses(client.clusterDir());
        out.printf("hot-service benchmark: 1 service, %d instances on %d clients, %d subscribers on %d clients, %d changes per phase, %d ms apart%n",
                instances, publisherClients, subscribers, clients, changes, intervalMs);
        out.flush();
        List<Publication> publications = publishInstances(dataId, opened);
        out.printf("published %d instances%n", instances);
        out.flush();
        List<HotPhase.Result> results = new ArrayList<>();
        long firstSeq = 0;
        if (!deltaListsOnly) {
            results.add(phase("A, full lists", false, dataId, publications, firstSeq, adminAddresses, out));
            firstSeq += changes;
        }
        if (!fullListsOnly) {
            results.add(phase("B, delta push", true, dataId, publications, firstSeq, adminAddresses, out));
        }
        out.println("summary (per change):");
        results.forEach(r -> out.println("  " + r.summary()));
        return 0;
    }

    private HotPhase.Result phase(String name, boolean deltaPush, String dataId, List<Publication> publications, long firstSeq,
                                  List<String> adminAddresses, PrintWriter out) {
        List<RosterClient> holders = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                holders.add(client.builder("bench-hot-consumer-" + c).deltaPush(deltaPush).build());
            }
            HotPhase phase = new HotPhase(name, holders, subscribers, instances, timeoutSecs);
            phase.subscribe(dataId);
            HotPhase.Result r = phase.measure(publications, firstSeq, changes, intervalMs, adminAddresses);
            out.println("phase " + r.report());
            out.flush();
            return r;
        } finally {
            holders.forEach(RosterClient::close);
        }
    }

    /** Instance i is published by client i % P with the address 10.x.y.z of i, all in parallel. */
    private List<Publication> publishInstances(String dataId, List<RosterClient> opened) {
        Publication[] pubs = new Publication[instances];
        ExecutorService pool = Executors.newFixedThreadPool(publisherClients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publisherClients; p++) {
                RosterClient publisher = client.connect("bench-hot-provider-" + p);
                opened.add(publisher);
                int first = p;
                done.add(pool.submit(() -> {
                    for (int i = first; i < instances; i += publisherClients) {
                        pubs[i] = publisher.publish(dataId, RegisterBenchCommand.address(i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing the instances failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return List.of(pubs);
    }
}
