package io.roster.testkit.bolt;

import io.roster.common.acl.ClientAcl;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A meta leader stand-in that may be electing: heartbeats are answered UNAVAILABLE ("electing") while the test
 * holds it, and otherwise with one slot table (every slot led by one data node) and the client ACL the test gave.
 */
public final class HeldMeta extends FakeBoltPeer {
    private final SlotTable table;
    private final List<NodeInfo> dataNodes;
    private final ClientAcl acl;
    private volatile boolean answering;

    /** Held until {@link #answer()}. */
    public HeldMeta(String dataAddress, int slots, ClientAcl acl) {
        super("held-meta", 2);
        this.acl = acl;
        this.dataNodes = List.of(new NodeInfo(NodeRole.DATA, dataAddress, new ProcessId(dataAddress, 1, 1)));
        this.table = new SlotTable(1, IntStream.range(0, slots).mapToObj(i -> new Slot(i, dataAddress, List.of(), 1)).toList());
        handle(HeartbeatRequest.class, request -> reply(),
                (code, message) -> new HeartbeatReply(code, message, "", null, List.of(), List.of()));
        listen();
    }

    private HeartbeatReply reply() {
        return answering
                ? new HeartbeatReply(ErrorCode.OK, "", "", table, dataNodes, List.of(), null, acl.version() + 1, 0, null, acl)
                : new HeartbeatReply(ErrorCode.UNAVAILABLE, "electing", "", null, List.of(), List.of());
    }

    /** Heartbeats are answered from now on. */
    public void answer() {
        answering = true;
    }

    /** Heartbeats are answered UNAVAILABLE from now on, as while meta elects. */
    public void hold() {
        answering = false;
    }
}
