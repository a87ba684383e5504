package io.roster.datastore;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A meta stand-in for data-node tests: answers heartbeats with a slot table in which the heartbeating data node
 * leads every slot except those handed to another node (where it may follow), and with a session list the test
 * sets. Keeps the last request, replica states included.
 */
final class FakeMeta extends FakeBoltPeer {
    static final String OTHER_DATA_NODE = "127.0.0.1:1";
    static final long LEADER_EPOCH = 3;

    private final int slotCount;
    private volatile long epoch = 1;
    private volatile Set<Integer> ledElsewhere = Set.of();
    private volatile Set<Integer> followed = Set.of();
    private volatile List<NodeInfo> sessions = List.of();
    private volatile SlotTable fixedTable;
    private final Map<String, NodeInfo> dataNodes = new ConcurrentHashMap<>();

    FakeMeta(int slotCount) {
        super("fake-meta", 1);
        this.slotCount = slotCount;
        handle(HeartbeatRequest.class, request -> {
            dataNodes.put(request.node().address(), request.node());
            SlotTable fixed = fixedTable;
            return fixed != null
                    ? new HeartbeatReply(ErrorCode.OK, "", "", fixed, List.copyOf(dataNodes.values()), sessions)
                    : new HeartbeatReply(ErrorCode.OK, "", "", table(request.node().address()), List.of(request.node()), sessions);
        }, (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
        listen();
    }

    private SlotTable table(String dataNode) {
        List<Slot> slots = new ArrayList<>();
        Set<Integer> elsewhere = ledElsewhere;
        Set<Integer> follows = followed;
        for (int i = 0; i < slotCount; i++) {
            slots.add(elsewhere.contains(i)
                    ? new Slot(i, OTHER_DATA_NODE, follows.contains(i) ? List.of(dataNode) : List.of(), LEADER_EPOCH + 1)
                    : new Slot(i, dataNode, List.of(), LEADER_EPOCH));
        }
        return new SlotTable(epoch, slots);
    }

    /** Hands {@code slots} to another data node, in a new table epoch. */
    synchronized void leadElsewhere(Set<Integer> slots) {
        leadElsewhere(slots, Set.of());
    }

    /** Hands {@code slots} to another data node (at leaderEpoch LEADER_EPOCH + 1), the node following {@code followedHere}. */
    synchronized void leadElsewhere(Set<Integer> slots, Set<Integer> followedHere) {
        ledElsewhere = Set.copyOf(slots);
        followed = Set.copyOf(followedHere);
        epoch++;
    }

    /** From now on, answers every data node with {@code table} (for tests of several data nodes). */
    void fixedTable(SlotTable table) {
        fixedTable = table;
    }

    HeartbeatRequest lastRequest() {
        List<HeartbeatRequest> all = received(HeartbeatRequest.class);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    void sessions(NodeInfo... nodes) {
        sessions = List.of(nodes);
    }

    long epoch() {
        return epoch;
    }

    int heartbeats() {
        return received().size();
    }
}
