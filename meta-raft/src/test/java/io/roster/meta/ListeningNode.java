package io.roster.meta;

import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A data or session node that listens on its address, as real ones do, and records the epoch of every
 * {@link ClusterChangedNotice} meta sends it. It heartbeats only when the test says so, so a table it knows of
 * without having beaten came by a notice.
 */
final class ListeningNode extends FakeBoltPeer {
    final NodeInfo info;
    private final RpcCaller caller = new RpcCaller();
    private final MetaClient meta;
    private volatile SlotTable table = SlotTable.EMPTY;

    ListeningNode(NodeRole role, List<String> metas) {
        super("listening-" + role.name().toLowerCase(), 1);
        handle(ClusterChangedNotice.class, notice -> null, (code, message) -> null); // oneway: nothing goes back
        listen();
        info = new NodeInfo(role, address(), new ProcessId(address(), System.currentTimeMillis(), ProcessHandle.current().pid()));
        meta = new MetaClient(caller, metas, 2_000);
    }

    /** Epochs of the notices received so far, in arrival order. */
    List<Long> notices() {
        return received(ClusterChangedNotice.class).stream().map(ClusterChangedNotice::epoch).toList();
    }

    SlotTable table() {
        return table;
    }

    /** One heartbeat answered OK (retried while meta is catching up), reporting every follower copy as caught up. */
    HeartbeatReply beat() {
        AtomicReference<HeartbeatReply> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            HeartbeatReply reply = meta.call(new HeartbeatRequest(info, table.epoch(), 0, 0, 0, replicaStates()),
                    HeartbeatReply.class, HeartbeatReply::leaderAddress);
            answer.set(reply);
            return reply.code() == ErrorCode.OK;
        });
        HeartbeatReply reply = answer.get();
        if (reply.slotTable() != null && reply.slotTable().epoch() > table.epoch()) {
            table = reply.slotTable();
        }
        return reply;
    }

    private List<SlotReplicaState> replicaStates() {
        List<SlotReplicaState> states = new ArrayList<>();
        if (info.role() != NodeRole.DATA) {
            return states;
        }
        for (Slot s : table.slots()) {
            if (s.leader().equals(address())) {
                states.add(new SlotReplicaState(s.id(), s.leaderEpoch(), ReplicaRole.LEADER, true));
            } else if (s.followers().contains(address())) {
                states.add(new SlotReplicaState(s.id(), s.leaderEpoch(), ReplicaRole.FOLLOWER, true));
            }
        }
        return states;
    }

    @Override
    protected void beforeClose() {
        caller.close();
    }
}
