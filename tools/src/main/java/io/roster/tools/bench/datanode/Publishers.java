package io.roster.tools.bench.datanode;

import io.roster.client.RosterClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's load: SDK clients that publish N publishers through a session, one call in flight per client. At
 * least 8 clients, and enough that none holds more than the session lets one client hold
 * ({@code session.max-registrations-per-client}): past it the session refuses with LIMIT_EXCEEDED.
 */
final class Publishers implements AutoCloseable {
    static final int MIN_CLIENTS = 8;
    private final List<RosterClient> clients = new ArrayList<>();
    private final int registrationsPerClient;

    /** @param registrationsPerClient the session's {@code session.max-registrations-per-client} */
    Publishers(int registrationsPerClient) {
        this.registrationsPerClient = registrationsPerClient;
    }

    /** How many clients share {@code publishers} so that none holds more than {@code perClient} of them. */
    static int clientsFor(int publishers, int perClient) {
        int needed = (int) ((publishers + (long) perClient - 1) / perClient);
        return Math.max(MIN_CLIENTS, needed);
    }

    void publish(String session, int publishers, int dataIds, int dataBytes) {
        int count = clientsFor(publishers, registrationsPerClient);
        for (int c = 0; c < count; c++) {
            clients.add(RosterClient.builder().sessions(session).appName("bench-provider-" + c).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                int first = c;
                RosterClient client = clients.get(c);
                done.add(pool.submit(() -> {
                    for (int i = first; i < publishers; i += count) {
                        client.publish(HeapPerPublisher.dataId(i, dataIds), List.of(HeapPerPublisher.item(i, dataBytes)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publishing did not finish: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        clients.forEach(RosterClient::close);
    }
}
