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

/** The benchmark's load: SDK clients that publish N publishers through a session, several calls in flight. */
final class Publishers implements AutoCloseable {
    private static final int CLIENTS = 8;
    private final List<RosterClient> clients = new ArrayList<>();

    void publish(String session, int publishers, int dataIds, int dataBytes) {
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(RosterClient.builder().sessions(session).appName("bench-provider-" + c).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                RosterClient client = clients.get(c);
                done.add(pool.submit(() -> {
                    for (int i = first; i < publishers; i += CLIENTS) {
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
