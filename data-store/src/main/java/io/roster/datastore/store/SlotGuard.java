package io.roster.datastore.store;

import io.roster.common.model.ProcessId;

import java.util.function.Predicate;

/**
 * Asked by the store under a slot's write lock, right before a write changes the slot: whether this node still
 * holds the slot in the role the write assumes. A request checks its slot when it arrives, but a new slot table
 * can move the slot before the write takes the lock; without this a stale leader's write could land on top of a
 * new leader's copy, or a follower's install on top of a promotion. Answers must not block (no locks).
 */
public interface SlotGuard {
    /** Allows everything: a store no slot table governs (unit tests, tools). */
    SlotGuard NONE = of((slot, leaderEpoch) -> true, (slot, leaderEpoch) -> true, session -> true);

    /** A guard that answers with these rules (a data node's: its slot phases and the sessions meta expired). */
    static SlotGuard of(SlotRule leads, SlotRule follows, Predicate<ProcessId> admits) {
        return new SlotGuard() {
            @Override
            public boolean leads(int slot, long leaderEpoch) {
                return leads.test(slot, leaderEpoch);
            }

            @Override
            public boolean follows(int slot, long leaderEpoch) {
                return follows.test(slot, leaderEpoch);
            }

            @Override
            public boolean admits(ProcessId session) {
                return admits.test(session);
            }
        };
    }

    /** One of a guard's answers about a slot at a leaderEpoch. */
    @FunctionalInterface
    interface SlotRule {
        boolean test(int slot, long leaderEpoch);
    }

    /** This node leads {@code slot} at {@code leaderEpoch} (MIGRATING or ACCEPT). */
    boolean leads(int slot, long leaderEpoch);

    /** This node follows {@code slot} under the leader of {@code leaderEpoch}. */
    boolean follows(int slot, long leaderEpoch);

    /**
     * Whether a session write on behalf of {@code session} may still land: false once meta expired that process
     * (and until it lists it again). Asked under the slot lock that the expiry's own removal takes after marking the
     * process, so a write either lands before that removal (and is removed by it) or is refused.
     */
    boolean admits(ProcessId session);

    /** Throws {@link SlotMovedException} unless {@link #leads}. */
    default void requireLeads(int slot, long leaderEpoch) {
        if (!leads(slot, leaderEpoch)) {
            throw new SlotMovedException(slot, leaderEpoch);
        }
    }

    /** Throws {@link OwnerExpiredException} unless {@link #admits}. */
    default void requireAdmitted(ProcessId session) {
        if (!admits(session)) {
            throw new OwnerExpiredException(session);
        }
    }
}
