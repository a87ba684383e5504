package io.roster.datastore.slot;

/**
 * What this node is doing with one slot (docs/ARCHITECTURE.md). A leader starts MIGRATING (reconciling its copy with
 * the sessions) and serves reads, writes and change notices only once ACCEPT. A slot this node no longer holds is
 * MOVED and its copy is dropped after a delay, in case the slot comes back.
 */
public enum SlotPhase {
    MIGRATING,
    ACCEPT,
    FOLLOWER,
    MOVED;

    public boolean leading() {
        return this == MIGRATING || this == ACCEPT;
    }
}
