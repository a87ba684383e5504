package io.roster.meta.slot;

/**
 * The shape a slot table must take.
 *
 * @param slotCount     slots in the cluster; fixed once a table exists
 * @param replicas      copies of each slot wanted, leader included
 * @param maxMigrations how many slots may be migrating at once (a follower not caught up with its leader); only
 *                      the promotion of a dead leader's follower may exceed it
 */
public record SlotRules(int slotCount, int replicas, int maxMigrations) {
    /** No cap on migrations, as when every follower is assumed caught up. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public SlotRules {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be at least 1, got " + slotCount);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        if (maxMigrations < 1) {
            throw new IllegalArgumentException("maxMigrations must be at least 1, got " + maxMigrations);
        }
    }
}
