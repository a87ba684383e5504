package io.roster.session.failover;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A meta leader stand-in on a real bolt port: answers every heartbeat with the slot table the test set last, as
 * meta does after it replaced a dead slot leader.
 */
final class FakeMeta extends FakeBoltPeer {
    private final List<NodeInfo> dataNodes;
    private volatile SlotTable table = SlotTable.EMPTY;

    FakeMeta(List<String> dataAddresses) {
        super("fake-meta", 1);
        this.dataNodes = dataAddresses.stream().map(a -> new NodeInfo(NodeRole.DATA, a, new ProcessId(a, 1, 1))).toList();
        handle(HeartbeatRequest.class, request -> new HeartbeatReply(ErrorCode.OK, "", "", table, dataNodes, List.of()),
                (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
        listen();
    }

    /** From now on every slot of a {@code slots}-slot table at {@code epoch} is led by {@code leader}. */
    void allSlotsLedBy(String leader, int slots, long epoch) {
        table = new SlotTable(epoch, IntStream.range(0, slots).mapToObj(i -> new Slot(i, leader, List.of(), epoch)).toList());
    }
}
