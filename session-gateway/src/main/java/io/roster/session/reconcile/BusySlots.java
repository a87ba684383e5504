package io.roster.session.reconcile;

import io.roster.common.wire.SlotDigest;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells a digest mismatch that only shows writes in flight from a gap. The registry stores a publisher before its
 * write reaches data, so in a registration storm nearly every slot being written mismatches at every round, and
 * syncing them all re-sent every publisher of those slots each round. A slot whose digest changed since the previous
 * round is busy: its mismatch is left to settle for up to {@code maxDeferrals} rounds in a row, then synced anyway (a
 * gap in a slot written without pause). A slot not written for a whole period has no write in flight (they end within
 * a period) and its mismatch is synced at once. Used by the reporter's thread only.
 */
final class BusySlots {
    private final int maxDeferrals;
    private Map<Integer, SlotDigest> previous = Map.of();
    private final Map<Integer, Integer> deferrals = new HashMap<>();

    BusySlots(int maxDeferrals) {
        this.maxDeferrals = maxDeferrals;
    }

    /**
     * The slots whose digest changed since the previous round (none when {@code force}: every mismatch is synced),
     * and {@code now} becomes the previous round. A slot not seen before is not busy.
     */
    Set<Integer> update(Map<Integer, SlotDigest> now, boolean force) {
        Set<Integer> busy = new HashSet<>();
        if (!force) {
            now.forEach((slot, digest) -> {
                SlotDigest before = previous.get(slot);
                if (before != null && (before.hash() != digest.hash() || before.count() != digest.count())) {
                    busy.add(slot);
                }
            });
        }
        previous = now;
        return busy;
    }

    /** Takes out of {@code mismatched} the busy slots left to settle this round; {@code sent} are the slots asked. */
    void deferBusy(Collection<Integer> sent, Collection<Integer> mismatched, Set<Integer> busy) {
        for (Integer slot : sent) {
            if (!mismatched.contains(slot)) {
                deferrals.remove(slot);
            } else if (busy.contains(slot) && deferrals.getOrDefault(slot, 0) < maxDeferrals) {
                deferrals.merge(slot, 1, Integer::sum);
                mismatched.remove(slot);
            } else {
                deferrals.remove(slot);
            }
        }
    }
}
