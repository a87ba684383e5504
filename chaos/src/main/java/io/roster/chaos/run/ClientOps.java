package io.roster.chaos.run;

import io.roster.common.tls.TlsFiles;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.HistoryWriter;
import io.roster.client.Subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The operations both workloads do the same way: drawing a registration, opening a client on a rotation of the
 * sessions, unsubscribing, and dropping a client's connection; each recorded in the history and counted.
 */
final class ClientOps {
    private final Random random;
    private final List<String> sessions;
    private final HistoryWriter history;
    private final RunClock clock;
    private final OpCounts counts;
    /** The clients' TLS files, or null: plain. */
    private final TlsFiles tls;

    ClientOps(Random random, List<String> sessions, HistoryWriter history, RunClock clock, OpCounts counts, TlsFiles tls) {
        this.tls = tls;
        this.random = random;
        this.sessions = List.copyOf(sessions);
        this.history = history;
        this.clock = clock;
        this.counts = counts;
    }

    /** One entry of {@code map} drawn from the workload's random, or null when it is empty. */
    <V> Map.Entry<String, V> pick(Map<String, V> map) {
        if (map.isEmpty()) {
            return null;
        }
        int n = random.nextInt(map.size());
        return new ArrayList<>(map.entrySet()).get(n);
    }

    /** A client labelled {@code label}, trying the sessions from a place its label picks. */
    ChaosClient open(String label) {
        List<String> order = new ArrayList<>(sessions);
        Collections.rotate(order, -Math.floorMod(label.hashCode(), order.size()));
        return new ChaosClient(label, order, history, clock, tls);
    }

    void unsubscribe(ChaosClient c) {
        Map.Entry<String, Subscription> e = pick(c.subscriptions);
        if (e == null) {
            return;
        }
        try {
            e.getValue().unsubscribe();
            c.subscriptions.remove(e.getKey());
            history.append(new Event.Unsubscribe(clock.now(), e.getKey()));
            counts.ok("unsubscribe");
        } catch (RuntimeException ex) {
            counts.failed("unsubscribe", ex);
        }
    }

    /**
     * Drops the client's connection (callers never drop a pinned client's: its session drops a closed connection's
     * publishers until the replay, by design). Recorded as a client fault that starts and ends at once.
     */
    void drop(ChaosClient c) {
        long t = clock.now(); // before the cut: the session may act on it at once
        if (c.dropConnection() > 0) {
            history.append(new Event.Fault(t, "drop", "client", c.label(), Event.Phase.START));
            history.append(new Event.Fault(t, "drop", "client", c.label(), Event.Phase.END));
            counts.ok("drop");
        }
    }
}
