package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which session processes have answered for each MIGRATING slot, and so which slots may leave MIGRATING (docs/ARCHITECTURE.md
 * section 4): a slot is ready once every live session process has answered for it under its current leaderEpoch,
 * after the last time a live process went (its clients' registrations move to the others, which answer again).
 * Past the bound a slot with a silent live session enters ACCEPT only if its copy was warm (a caught-up follower
 * copy keeps that session's publishers as it had them); a cold copy would serve a partial list, so it waits for the
 * answer or for meta to expire the session. Pure state, no I/O or clock: the caller passes the time.
 */
final class MigrationProgress {
    /** What the slots tracked may do now. Each map is slot -> the live processes that have not answered for it. */
    record Decision(List<Integer> ready, Map<Integer, Set<ProcessId>> acceptWithout, Map<Integer, Set<ProcessId>> heldCold,
                    List<Integer> newlyPastBound) {
    }

    private static final class Episode {
        final long leaderEpoch;
        final long startedMillis;
        final boolean warm;
        final Set<ProcessId> answered = new HashSet<>();
        /** The live processes at the last decision: one of them missing later is a process gone. */
        Set<ProcessId> counted = Set.of();
        /** Answers asked for before this (a value of {@link #answersFrom()}) no longer count. */
        long answersFrom;
        boolean pastBound;

        Episode(long leaderEpoch, long startedMillis, boolean warm) {
            this.leaderEpoch = leaderEpoch;
            this.startedMillis = startedMillis;
            this.warm = warm;
        }
    }

    private final Map<Integer, Episode> slots = new TreeMap<>();
    /** Rises every time some slot's answers are discarded; an answer carries the value from when it was asked for. */
    private long answersFrom;

    /**
     * Follows the slots MIGRATING now: a new slot, or one migrating under another leaderEpoch, starts a new episode
     * (warm if {@code warmAt} names that leaderEpoch for it); slots no longer MIGRATING are forgotten.
     */
    synchronized void track(Map<Integer, Long> migrating, Map<Integer, Long> warmAt, long nowMillis) {
        slots.keySet().retainAll(migrating.keySet());
        migrating.forEach((slot, leaderEpoch) -> {
            Episode e = slots.get(slot);
            if (e == null || e.leaderEpoch != leaderEpoch) {
                slots.put(slot, new Episode(leaderEpoch, nowMillis, leaderEpoch.equals(warmAt.get(slot))));
            }
        });
    }

    /** The slots (and their leaderEpochs) {@code session} has not answered for yet. */
    synchronized Map<Integer, Long> pending(ProcessId session) {
        Map<Integer, Long> out = new TreeMap<>();
        slots.forEach((slot, e) -> {
            if (!e.answered.contains(session)) {
                out.put(slot, e.leaderEpoch);
            }
        });
        return out;
    }

    /** Read before asking: the answer is then passed back with it, so an answer older than a reset is told apart. */
    synchronized long answersFrom() {
        return answersFrom;
    }

    /**
     * {@code session} answered (and its answer was applied) for these slots, under these leaderEpochs, to a question
     * asked when {@link #answersFrom()} was {@code askedAt}.
     */
    synchronized void answered(ProcessId session, Map<Integer, Long> asked, long askedAt) {
        asked.forEach((slot, leaderEpoch) -> {
            Episode e = slots.get(slot);
            if (e != null && e.leaderEpoch == leaderEpoch && askedAt >= e.answersFrom) {
                e.answered.add(session);
            }
        });
    }

    /** When the earliest of {@code slotIds} started migrating (now if none is tracked). */
    synchronized long startedMillis(List<Integer> slotIds, long nowMillis) {
        return slotIds.stream().map(slots::get).filter(e -> e != null).mapToLong(e -> e.startedMillis).min().orElse(nowMillis);
    }

    /** What each slot may do, given the session processes live now (meta's view plus hello connections). */
    synchronized Decision decide(Set<ProcessId> live, long nowMillis, long boundMillis) {
        List<Integer> ready = new ArrayList<>(), newlyPastBound = new ArrayList<>();
        Map<Integer, Set<ProcessId>> acceptWithout = new TreeMap<>(), heldCold = new TreeMap<>();
        slots.forEach((slot, e) -> {
            forgetAnswersIfOneWent(e, live);
            Set<ProcessId> silent = new LinkedHashSet<>(live);
            silent.removeAll(e.answered);
            if (silent.isEmpty()) {
                ready.add(slot);
            } else if (nowMillis - e.startedMillis >= boundMillis) {
                (e.warm ? acceptWithout : heldCold).put(slot, silent);
                if (!e.pastBound) {
                    e.pastBound = true;
                    newlyPastBound.add(slot);
                }
            }
        });
        return new Decision(ready, acceptWithout, heldCold, newlyPastBound);
    }

    /**
     * A live process that is gone now (meta expired it) took its clients with it: they reconnect to the other
     * sessions and replay there, maybe after those answered, and their replayed writes wait for ACCEPT. The answers
     * given so far do not cover those publishers (the copy still holds them under the gone owner, whom the entry into
     * ACCEPT drops), so every live process answers again, to a question asked from now on.
     */
    private void forgetAnswersIfOneWent(Episode e, Set<ProcessId> live) {
        if (!live.containsAll(e.counted)) {
            e.answered.clear();
            e.answersFrom = ++answersFrom;
        }
        e.counted = Set.copyOf(live);
    }
}
