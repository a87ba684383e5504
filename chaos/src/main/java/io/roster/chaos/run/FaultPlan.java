package io.roster.chaos.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fault schedule of a run, drawn from its seed alone: the same seed gives the same schedule. Faults come one at
 * a time, each followed by a quiet gap, so the cluster never has more than one node down or paused: within what it
 * must tolerate (a minority of meta, fewer than the replicas of data, sessions freely).
 */
public final class FaultPlan {
    static final long MIN_GAP_MS = 2_000;
    static final long MAX_GAP_MS = 6_000;
    static final long MIN_FAULT_MS = 1_000;
    static final long MAX_FAULT_MS = 6_000;

    private FaultPlan() {
    }

    /** Faults starting before {@code durationMs}, kinds taken in turn from a shuffled order, so every kind comes. */
    public static List<PlannedFault> generate(long seed, long durationMs, Set<FaultKind> kinds) {
        List<PlannedFault> out = new ArrayList<>();
        if (kinds.isEmpty()) {
            return out;
        }
        Random random = new Random(seed * 31 + 7);
        List<FaultKind> order = new ArrayList<>(kinds);
        Collections.shuffle(order, random);
        long t = MIN_GAP_MS + random.nextLong(MAX_GAP_MS - MIN_GAP_MS);
        int i = 0;
        while (true) {
            long duration = MIN_FAULT_MS + random.nextLong(MAX_FAULT_MS - MIN_FAULT_MS);
            if (t + duration > durationMs) {
                return out;
            }
            out.add(new PlannedFault(t, order.get(i++ % order.size()), random.nextInt(16), duration));
            t += duration + MIN_GAP_MS + random.nextLong(MAX_GAP_MS - MIN_GAP_MS);
        }
    }
}
