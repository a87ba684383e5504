package io.roster.session.routing;

import io.roster.common.model.Slot;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The hand-off fence (docs/ARCHITECTURE.md): once this session answered a new slot leader's digest query, its later
 * writes for that slot go to that leader, even while its own slot table still names the old one. Otherwise a write
 * could reach the old leader after the new one took this session's state, and never reach the new one until the
 * next digest (and a republish could go back in content under a rising version). An entry holds while the
 * session's table has the slot at a lower leaderEpoch; a table at that leaderEpoch or newer supersedes it.
 */
public final class SlotLeaderFence {
    private record Entry(String leader, long leaderEpoch) {
    }

    private final ConcurrentMap<Integer, Entry> bySlot = new ConcurrentHashMap<>();

    /**
     * {@code leader} asked this session about {@code slot} as its leader at {@code leaderEpoch}: from now on writes
     * for it go there. Recorded before the session reads its registry for the answer, so any write this answer
     * misses is routed after this.
     */
    public void asked(int slot, String leader, long leaderEpoch) {
        if (leader == null || leader.isEmpty()) {
            return;
        }
        bySlot.merge(slot, new Entry(leader, leaderEpoch), (old, asked) -> asked.leaderEpoch >= old.leaderEpoch ? asked : old);
    }

    /** The slot as requests should be routed: the table's, unless a fence names a leader of a newer leaderEpoch. */
    public Slot route(Slot inTable) {
        Entry fence = bySlot.get(inTable.id());
        if (fence == null) {
            return inTable;
        }
        if (inTable.leaderEpoch() >= fence.leaderEpoch) {
            bySlot.remove(inTable.id(), fence); // the table caught up (or moved on): it decides from now on
            return inTable;
        }
        return new Slot(inTable.id(), fence.leader, List.of(), fence.leaderEpoch);
    }
}
