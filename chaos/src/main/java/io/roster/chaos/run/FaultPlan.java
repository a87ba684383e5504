package io.roster.chaos.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.roster.chaos.run.FaultKind.KILL_DATA;
import static io.roster.chaos.run.FaultKind.KILL_META;
import static io.roster.chaos.run.FaultKind.KILL_SESSION;
import static io.roster.chaos.run.FaultKind.PARTITION_META_LEADER;
import static io.roster.chaos.run.FaultKind.PAUSE_META;
import static io.roster.chaos.run.FaultKind.PAUSE_SESSION;

/**
 * The fault schedule of a run, drawn from its seed alone: the same seed gives the same schedule. Faults come one at
 * a time, each followed by a quiet gap, so the cluster never has more than one node down, paused, skewed or cut
 * off: within what it must tolerate (a minority of meta, fewer than the replicas of data, sessions freely). With
 * overlap, every second fault whose kind opens a {@link #TOLERATED_PAIRS tolerated pair} gets a second fault of
 * the pair, started while the first still lasts: still one node per role at most.
 */
public final class FaultPlan {
    static final long MIN_GAP_MS = 2_000;
    static final long MAX_GAP_MS = 6_000;
    static final long MIN_FAULT_MS = 1_000;
    static final long MAX_FAULT_MS = 6_000;
    /** How soon after the first fault starts, and how long before it ends, the second may start. */
    static final long OVERLAP_MARGIN_MS = 300;

    /**
     * Two faults at once that the cluster must still tolerate: a session paused (its clients moving away) while a
     * data node dies, and a meta peer (paused, killed or cut from the other peers) while a session is down or
     * stopped. Keyed by the first fault's kind.
     */
    public static final Map<FaultKind, List<FaultKind>> TOLERATED_PAIRS = Map.of(
            PAUSE_SESSION, List.of(KILL_DATA, PAUSE_META),
            KILL_DATA, List.of(PAUSE_SESSION),
            PAUSE_META, List.of(PAUSE_SESSION, KILL_SESSION),
            KILL_META, List.of(PAUSE_SESSION, KILL_SESSION),
            PARTITION_META_LEADER, List.of(PAUSE_SESSION, KILL_SESSION));

    private FaultPlan() {
    }

    /** One fault at a time: {@link #generate(long, long, Set, boolean)} without overlap. */
    public static List<PlannedFault> generate(long seed, long durationMs, Set<FaultKind> kinds) {
        return generate(seed, durationMs, kinds, false);
    }

    /**
     * Faults starting before {@code durationMs}, kinds taken in turn from a shuffled order, so every kind comes. The
     * overlap choices come from their own generator, so a seed's first faults are the same with overlap or without.
     */
    public static List<PlannedFault> generate(long seed, long durationMs, Set<FaultKind> kinds, boolean overlap) {
        List<PlannedFault> out = new ArrayList<>();
        if (kinds.isEmpty()) {
            return out;
        }
        Random random = new Random(seed * 31 + 7);
        Random pairs = new Random(seed * 131 + 17);
        List<FaultKind> order = new ArrayList<>(EnumSet.copyOf(kinds));
        Collections.shuffle(order, random);
        long t = MIN_GAP_MS + random.nextLong(MAX_GAP_MS - MIN_GAP_MS);
        int i = 0;
        boolean pairNext = true;
        while (true) {
            long duration = MIN_FAULT_MS + random.nextLong(MAX_FAULT_MS - MIN_FAULT_MS);
            FaultKind kind = order.get(i++ % order.size());
            PlannedFault f = new PlannedFault(t, kind, random.nextInt(16), duration);
            List<FaultKind> partners = overlap ? TOLERATED_PAIRS.getOrDefault(kind, List.of()).stream()
                    .filter(kinds::contains).toList() : List.of();
            if (!partners.isEmpty()) {
                if (pairNext) {
                    long after = OVERLAP_MARGIN_MS + pairs.nextLong(duration - 2 * OVERLAP_MARGIN_MS);
                    f = new PlannedFault(t, kind, f.targetIndex(), duration, new PlannedFault.Overlap(after,
                            partners.get(pairs.nextInt(partners.size())), pairs.nextInt(16),
                            MIN_FAULT_MS + pairs.nextLong(MAX_FAULT_MS - MIN_FAULT_MS)));
                }
                pairNext = !pairNext;
            }
            if (t + f.spanMs() > durationMs) {
                return out;
            }
            out.add(f);
            t += f.spanMs() + MIN_GAP_MS + random.nextLong(MAX_GAP_MS - MIN_GAP_MS);
        }
    }
}
