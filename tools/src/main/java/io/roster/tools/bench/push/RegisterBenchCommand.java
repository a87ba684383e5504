package io.roster.tools.bench.push;

import io.roster.client.RosterClient;
import io.roster.client.SubscriptionListener;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * `roster bench register`: registrations per second against a running cluster. N publishers over K services are
 * registered by several SDK clients in parallel, each keeping --in-flight registrations outstanding; the rate is
 * printed until every registration was accepted, and until a subscriber of every service has been pushed all N
 * (with --no-subscriber, nothing is subscribed meanwhile and the data is confirmed afterwards). The servers' heap
 * per publisher after a full GC is read from their admin ports when they run on this host.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Measure registrations per second on a running cluster: N publishers over K services, registered",
                "by SDK clients in parallel (each with --in-flight registrations outstanding), until every registration",
                "was accepted and until a subscriber of every service has been pushed all of them (--no-subscriber: no",
                "subscriber meanwhile; one per service confirms the data afterwards). Also prints the session's and the",
                "data nodes' heap per publisher after a full GC, read from their admin ports (see --admin)."})
public final class RegisterBenchCommand extends SdkClientBench {
    @Option(names = "--services", paramLabel = "K", defaultValue = "100", description = "Services they spread over (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "50000", description = "Publishers to register (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8", description = "SDK clients registering them (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "16",
            description = "Registrations each client keeps outstanding (publishAsync); 1 = one synchronous publish at a time (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--no-subscriber", description = "Subscribe to nothing while registering; confirm the data afterwards instead.")
    boolean noSubscriber;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "600", description = "Bound on the whole run (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Mixin
    ServerAdmins admins;

    @Override
    String invalidOptions() {
        return publishers < 1 || services < 1 || clients < 1 || inFlight < 1 || timeoutSecs < 1
                ? "--publishers, --services, --clients, --in-flight and --timeout-secs must be positive" : null;
    }

    @Override
    int run(PrintWriter out, List<RosterClient> opened) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            return register(out, opened, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private int register(PrintWriter out, List<RosterClient> opened, ExecutorService pool) {
        String prefix = "roster.bench.register." + Long.toHexString(System.nanoTime()) + ".svc";
        ServerHeaps heaps = ServerHeaps.before(admins.addresses(client.clusterDir()));
        AtomicIntegerArray seenByService = new AtomicIntegerArray(services);
        if (!noSubscriber) {
            subscribeAll(prefix, seenByService, "bench-consumer", opened);
        }
        List<RosterClient> providers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RosterClient p = client.connect("bench-provider-" + c);
            opened.add(p);
            providers.add(p);
        }
        out.printf("register benchmark: %d publishers over %d services from %d clients, %d in flight each, %s%n", publishers,
                services, clients, inFlight, noSubscriber ? "no subscriber" : "a subscriber of every service");
        out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSecs);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RosterClient p = providers.get(c);
            int first = c;
            done.add(pool.submit(() -> {
                new InFlightPublisher(p, inFlight).publishEvery(first, clients, publishers, i -> prefix + (i % services),
                        RegisterBenchCommand::address);
                return null;
            }));
        }
        awaitAll(done, deadline);
        long registered = System.nanoTime();
        double calls = (registered - started) / 1e9;
        out.printf("registered %d publishers in %.2f s (%.0f per second until all were accepted)%n", publishers, calls, publishers / calls);
        if (noSubscriber) {
            long confirming = System.nanoTime();
            subscribeAll(prefix, seenByService, "bench-checker", opened);
            awaitSeen(seenByService, deadline);
            out.printf("confirmed: a subscriber of each of the %d services read all %d publishers, %.2f s after subscribing%n",
                    services, publishers, (System.nanoTime() - confirming) / 1e9);
        } else {
            awaitSeen(seenByService, deadline);
            double total = (System.nanoTime() - started) / 1e9;
            out.printf("the subscribers had all of them after %.2f s (%.0f per second until the subscriber saw all)%n",
                    total, publishers / total);
        }
        out.flush();
        heaps.printPerPublisher(publishers, out);
        return 0;
    }

    private void subscribeAll(String prefix, AtomicIntegerArray seenByService, String app, List<RosterClient> opened) {
        RosterClient consumer = client.connect(app);
        opened.add(consumer);
        for (int k = 0; k < services; k++) {
            int service = k;
            consumer.subscribe(prefix + k, (SubscriptionListener) (dataInfoId, data, version) ->
                    seenByService.accumulateAndGet(service, data.size(), Math::max));
        }
    }

    static String address(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":12200";
    }

    private void awaitAll(List<Future<?>> done, long deadline) {
        for (Future<?> f : done) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a registration failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("registrations did not finish within " + timeoutSecs + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }

    private void awaitSeen(AtomicIntegerArray seenByService, long deadline) {
        while (seen(seenByService) < publishers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the subscribers saw " + seen(seenByService) + " of " + publishers
                        + " within " + timeoutSecs + " s");
            }
            pause(2);
        }
    }

    private static int seen(AtomicIntegerArray byService) {
        int sum = 0;
        for (int k = 0; k < byService.length(); k++) {
            sum += byService.get(k);
        }
        return sum;
    }
}
