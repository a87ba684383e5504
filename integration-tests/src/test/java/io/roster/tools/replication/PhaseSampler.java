package io.roster.tools.replication;

import io.roster.datastore.DataServer;
import io.roster.datastore.migration.PromotionReport;
import io.roster.datastore.slot.SlotState;
import io.roster.datastore.slot.SlotPhase;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls one data node's slot phases and promotion reports every few milliseconds, keeping, per slot, the phases seen
 * in order. Sampling can miss a short phase, so tests assert only on what must have been seen; the trail is for
 * reports.
 */
final class PhaseSampler implements AutoCloseable {
    private final DataServer node;
    private final Map<Integer, List<String>> trails = new ConcurrentHashMap<>();
    private final Set<Integer> promoted = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "phase-sampler");
        t.setDaemon(true);
        return t;
    });

    PhaseSampler(DataServer node) {
        this.node = node;
        poller.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            for (SlotState s : node.localSlots()) {
                List<String> trail = trails.computeIfAbsent(s.id(), k -> new CopyOnWriteArrayList<>());
                String now = s.phase() + "@" + s.leaderEpoch();
                if (trail.isEmpty() || !trail.get(trail.size() - 1).equals(now)) {
                    trail.add(now);
                }
            }
            PromotionReport report = node.lastPromotion();
            if (report != null) {
                promoted.addAll(report.acceptedSlots());
            }
        } catch (RuntimeException e) {
            // The node may be stopping; the next sample tries again.
        }
    }

    /** Slots named by any promotion report seen: they went MIGRATING -> ACCEPT through a reconciliation round. */
    Set<Integer> promotedSlots() {
        return new TreeSet<>(promoted);
    }

    /** Slots ever seen in {@code phase}. */
    Set<Integer> slotsSeenIn(SlotPhase phase) {
        Set<Integer> out = new TreeSet<>();
        trails.forEach((slot, trail) -> {
            if (trail.stream().anyMatch(t -> t.startsWith(phase.name() + "@"))) {
                out.add(slot);
            }
        });
        return out;
    }

    Map<Integer, List<String>> trails() {
        Map<Integer, List<String>> out = new TreeMap<>();
        trails.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
