package io.roster.meta.leader;

/**
 * How the meta leader plans and writes.
 *
 * @param slotCount      slots of a new cluster (an existing table keeps its own count)
 * @param replicas       copies of each slot, leader included
 * @param tickMs         how often the leader checks leases and the slot table
 * @param applyTimeoutMs how long the leader waits for one of its log writes to be applied
 * @param maxMigrations  how many slots may be copying to a new replica at once
 */
public record LeaderOptions(int slotCount, int replicas, long tickMs, long applyTimeoutMs, int maxMigrations) {
    public LeaderOptions {
        if (slotCount < 1 || replicas < 1 || tickMs < 1 || applyTimeoutMs < 1 || maxMigrations < 1) {
            throw new IllegalArgumentException("invalid leader options " + this);
        }
    }
}
