package io.roster.datastore.replication;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follower side of replication: what this node's copy of each followed slot has taken from the slot's current
 * leader. The leader is authoritative, so its datums are installed as they come, with one exception: a datum
 * already confirmed by this leader is not replaced by an older version of it (a fetch answered before a push
 * arrived after it). Versions of one leader only grow, so within a leaderEpoch "older" is well defined; a copy
 * left by an earlier leader (or loaded from disk) is not trusted and is overwritten, whatever its version.
 */
public final class FollowerCopies {
    private static final Logger LOG = LoggerFactory.getLogger(FollowerCopies.class);
    private final SlotStore store;
    private final SlotStates states;
    private final Map<Integer, Copy> copies = new ConcurrentHashMap<>();

    public FollowerCopies(SlotStore store, SlotStates states) {
        this.store = store;
        this.states = states;
    }

    /** One slot's copy under one leader. Synchronized on itself. */
    static final class Copy {
        final long leaderEpoch;
        final Set<String> confirmed = new HashSet<>();
        boolean caughtUp;

        Copy(long leaderEpoch) {
            this.leaderEpoch = leaderEpoch;
        }
    }

    /** The copy of {@code slot} under the leader of {@code leaderEpoch}; a new leader starts a new, unconfirmed one. */
    Copy copy(int slot, long leaderEpoch) {
        return copies.compute(slot, (s, c) -> c != null && c.leaderEpoch == leaderEpoch ? c : new Copy(leaderEpoch));
    }

    /** Installs datums the leader of {@code leaderEpoch} sent; returns how many changed the copy. */
    public int install(int slot, long leaderEpoch, Iterable<Datum> datums) {
        Copy copy = copy(slot, leaderEpoch);
        int changed = 0;
        synchronized (copy) {
            for (Datum d : datums) {
                if (!wellFormed(d)) {
                    // Stored, it would make the whole copy fail its check at the next start; the digest repairs it.
                    LOG.warn("ignored a malformed datum from the leader of slot {}: {}", slot, d);
                    continue;
                }
                if (copy.confirmed.contains(d.dataInfoId()) && store.get(d.dataInfoId()).version() > d.version()) {
                    continue;
                }
                if (store.install(slot, leaderEpoch, d)) {
                    changed++;
                }
                copy.confirmed.add(d.dataInfoId());
            }
        }
        return changed;
    }

    /** What the store's reload check demands of a datum: its own publishers, distinct, and a version unless empty. */
    private static boolean wellFormed(Datum d) {
        if (d == null || d.version() < 0 || d.version() == 0 && !d.publishers().isEmpty()) {
            return false;
        }
        Set<String> ids = new HashSet<>();
        for (Publisher p : d.publishers()) {
            if (p == null || !p.dataInfoId().equals(d.dataInfoId()) || !ids.add(p.registerId())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes datums the leader does not have at all (it keeps tombstones, so these are leftovers of an older copy),
     * except any a push confirmed meanwhile (written after the leader's digest was taken).
     */
    int removeUnknown(int slot, long leaderEpoch, Set<String> unknownToLeader) {
        Copy copy = copy(slot, leaderEpoch);
        int removed = 0;
        synchronized (copy) {
            for (String id : unknownToLeader) {
                if (!copy.confirmed.contains(id) && store.install(slot, leaderEpoch, Datum.absent(id))) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Marks the copy caught up, unless this node no longer follows that leader: a sync that ran on an older table
     * must not leave a caught-up mark that a later table giving the slot back at the same leaderEpoch would trust.
     */
    void markCaughtUp(int slot, long leaderEpoch) {
        if (!states.follows(slot, leaderEpoch)) {
            return;
        }
        Copy copy = copy(slot, leaderEpoch);
        synchronized (copy) {
            copy.caughtUp = true;
        }
    }

    /** Whether the copy of {@code slot} holds everything the leader of {@code leaderEpoch} had at the last sync. */
    public boolean caughtUp(int slot, long leaderEpoch) {
        Copy copy = copies.get(slot);
        if (copy == null || copy.leaderEpoch != leaderEpoch) {
            return false;
        }
        synchronized (copy) {
            return copy.caughtUp;
        }
    }

    /** Forgets the replication state of a slot this node no longer follows. */
    public void forget(int slot) {
        copies.remove(slot);
    }
}
