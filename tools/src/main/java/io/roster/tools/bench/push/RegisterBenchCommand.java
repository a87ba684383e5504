package io.roster.tools.bench.push;

import io.roster.client.RosterClient;
import io.roster.client.SubscriptionListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * `roster bench register`: registrations per second against a running cluster. N publishers over K services are
 * registered by several SDK clients in parallel; the clock stops when subscribers of those services have been
 * pushed all N of them.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Measure registrations per second on a running cluster: N publishers over K services, registered",
                "by SDK clients in parallel, until subscribers of the services have been pushed all of them."})
public final class RegisterBenchCommand extends SdkClientBench {
    @Option(names = "--publishers", paramLabel = "N", defaultValue = "50000", description = "Publishers to register (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8", description = "SDK clients registering them (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--async", paramLabel = "N", defaultValue = "0",
            description = "Per client, keep up to N publishAsync calls in flight instead of calling publish (default: ${DEFAULT-VALUE}, off).")
    int async;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "600", description = "Bound on the whole run (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Override
    String invalidOptions() {
        return publishers < 1 || services < 1 || clients < 1 || timeoutSecs < 1
                ? "--publishers, --services, --clients and --timeout-secs must be positive" : null;
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
        RosterClient consumer = client.connect("bench-consumer");
        opened.add(consumer);
        AtomicIntegerArray seenByService = new AtomicIntegerArray(services);
        for (int k = 0; k < services; k++) {
            int service = k;
            consumer.subscribe(prefix + k, (SubscriptionListener) (dataInfoId, data, version) ->
                    seenByService.accumulateAndGet(service, data.size(), Math::max));
        }
        List<RosterClient> providers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RosterClient p = client.connect("bench-provider-" + c);
            opened.add(p);
            providers.add(p);
        }
        out.printf("register benchmark: %d publishers over %d services from %d clients%n", publishers, services, clients);
        out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSecs);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            RosterClient p = providers.get(c);
            int first = c;
            done.add(pool.submit(() -> {
                Semaphore window = new Semaphore(Math.max(1, async));
                AtomicReference<Throwable> failed = new AtomicReference<>();
                for (int i = first; i < publishers && failed.get() == null; i += clients) {
                    String id = prefix + (i % services), item = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":12200";
                    if (async < 1) {
                        p.publish(id, item);
                        continue;
                    }
                    window.acquireUninterruptibly();
                    p.publishAsync(id, item).whenComplete((pub, e) -> {
                        failed.compareAndSet(null, e);
                        window.release();
                    });
                }
                window.acquireUninterruptibly(Math.max(1, async)); // the last ones answered
                if (failed.get() != null) {
                    throw new IllegalStateException(failed.get().getMessage(), failed.get());
                }
                return null;
            }));
        }
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
        long registered = System.nanoTime();
        while (seen(seenByService) < publishers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the subscribers saw " + seen(seenByService) + " of " + publishers
                        + " within " + timeoutSecs + " s");
            }
            pause(2);
        }
        long pushed = System.nanoTime();
        double calls = (registered - started) / 1e9, total = (pushed - started) / 1e9;
        out.printf("registered %d publishers in %.2f s (%.0f per second); the subscribers had all of them after %.2f s (%.0f per second)%n",
                publishers, calls, publishers / calls, total, publishers / total);
        return 0;
    }

    private static int seen(AtomicIntegerArray byService) {
        int sum = 0;
        for (int k = 0; k < byService.length(); k++) {
            sum += byService.get(k);
        }
        return sum;
    }
}
