package io.roster.datastore.slot;

import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one slot table assigns this node: which slots it leads and follows, and at which leaderEpoch. This is meta's
 * word, not what the node does with it yet ({@link SlotStates} holds that: a slot assigned to lead may still be
 * MIGRATING). Immutable: a new table gives a new instance, so a request checks and versions its write against one
 * consistent table.
 */
public final class SlotAssignment {
    private final SlotTable table;
    private final String selfAddress;
    private final int expectedSlotCount;
    private final Map<Integer, Long> ledSlots;
    private final Map<Integer, Long> followedSlots;

    public SlotAssignment(SlotTable table, String selfAddress, int expectedSlotCount) {
        this.table = table;
        this.selfAddress = selfAddress;
        this.expectedSlotCount = expectedSlotCount;
        Map<Integer, Long> led = new LinkedHashMap<>();
        Map<Integer, Long> followed = new LinkedHashMap<>();
        if (usable().ok()) {
            for (Slot s : table.slots()) {
                if (s.leader().equals(selfAddress)) {
                    led.put(s.id(), s.leaderEpoch());
                } else if (s.followers().contains(selfAddress)) {
                    followed.put(s.id(), s.leaderEpoch());
                }
            }
        }
        this.ledSlots = Map.copyOf(led);
        this.followedSlots = Map.copyOf(followed);
    }

    /** Before the first heartbeat reply: no table, so nothing is served. */
    public static SlotAssignment none(String selfAddress, int expectedSlotCount) {
        return new SlotAssignment(SlotTable.EMPTY, selfAddress, expectedSlotCount);
    }

    /** Whether the table can be used at all: there is one, and it shards the data the way this node does. */
    public SlotCheck usable() {
        if (table.slotCount() == 0) {
            return SlotCheck.refuse(ErrorCode.UNAVAILABLE, "data node " + selfAddress + " has no slot table from meta yet; retry shortly");
        }
        if (table.slotCount() != expectedSlotCount) {
            // Hashing with another slot count than meta would file datums under the wrong slots: serve nothing.
            return SlotCheck.refuse(ErrorCode.UNAVAILABLE, "slot table epoch " + table.epoch() + " has " + table.slotCount()
                    + " slots but data node " + selfAddress + " is configured with cluster.slots=" + expectedSlotCount);
        }
        return SlotCheck.serve(0);
    }

    /** Whether this node leads {@code slotId} and may take writes and serve reads for it. */
    public SlotCheck check(int slotId) {
        SlotCheck usable = usable();
        if (!usable.ok()) {
            return usable;
        }
        Long epoch = ledSlots.get(slotId);
        if (epoch != null) {
            return SlotCheck.serve(epoch);
        }
        String leader = slotId >= 0 && slotId < table.slotCount() ? table.slot(slotId).leader() : "";
        String who = leader.isEmpty() ? "has no leader" : "is led by " + leader;
        return SlotCheck.refuse(ErrorCode.SLOT_NOT_OWNED, "slot " + slotId + " " + who + " in slot table epoch " + table.epoch()
                + ", not by data node " + selfAddress);
    }

    /** The slots this node leads, with their leaderEpochs; empty when the table is not usable. */
    public Map<Integer, Long> ledSlots() {
        return ledSlots;
    }

    /** The slots this node follows, with their leader's leaderEpoch; empty when the table is not usable. */
    public Map<Integer, Long> followedSlots() {
        return followedSlots;
    }

    /** The followers the table gives {@code slotId} (empty when there is no such slot). */
    public List<String> followersOf(int slotId) {
        return slotId >= 0 && slotId < table.slotCount() ? table.slot(slotId).followers() : List.of();
    }

    /** The leader the table gives {@code slotId} ("" when none or no such slot). */
    public String leaderOf(int slotId) {
        return slotId >= 0 && slotId < table.slotCount() ? table.slot(slotId).leader() : "";
    }

    /** The leaderEpoch of any slot in the table (0 when there is no such slot). */
    public long leaderEpochOf(int slotId) {
        return slotId >= 0 && slotId < table.slotCount() ? table.slot(slotId).leaderEpoch() : 0;
    }

    public String selfAddress() {
        return selfAddress;
    }

    public long epoch() {
        return table.epoch();
    }

    public int slotCount() {
        return table.slotCount();
    }
}
