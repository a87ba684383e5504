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
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data node played by raw heartbeats: keeps the newest table meta sent and reports its replica states, a
 * follower copy catching up {@code catchUpMs} after the node first saw it (a stand-in for copying the data).
 * Every caught-up report is written to the shared {@link Reports} before it is sent.
 */
final class FakeDataNode implements AutoCloseable {
    /** When each (node, slot, leaderEpoch) was first reported caught up, on a sequence shared with the test. */
    static final class Reports {
        final AtomicLong clock = new AtomicLong();
        private final Map<String, Long> caughtUp = new ConcurrentHashMap<>();

        void caughtUp(String node, int slot, long leaderEpoch) {
            caughtUp.computeIfAbsent(node + "/" + slot + "/" + leaderEpoch, k -> clock.incrementAndGet());
        }

        /** Whether the report was sent before sequence point {@code at}. */
        boolean caughtUpBefore(String node, int slot, long leaderEpoch, long at) {
            Long when = caughtUp.get(node + "/" + slot + "/" + leaderEpoch);
            return when != null && when < at;
        }
    }

    final NodeInfo info;
    private final MetaClient meta;
    private final RpcCaller caller = new RpcCaller();
    private final long catchUpMs;
    private final Reports reports;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService beats;
    private volatile SlotTable table = SlotTable.EMPTY;
    private volatile long answered;
    private final AtomicBoolean closed = new AtomicBoolean();

    FakeDataNode(String address, List<String> metas, long catchUpMs, Reports reports) {
        this.info = new NodeInfo(NodeRole.DATA, address, new ProcessId(address, System.currentTimeMillis(), ProcessHandle.current().pid()));
        this.meta = new MetaClient(caller, metas, 1_000);
        this.catchUpMs = catchUpMs;
        this.reports = reports;
        this.beats = NamedThreads.scheduler("fake-data-" + address);
    }

    FakeDataNode start() {
        beats.scheduleWithFixedDelay(this::beat, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    private void beat() {
        try {
            HeartbeatReply reply = meta.call(new HeartbeatRequest(info, table.epoch(), 0, 0, 0, replicaStates()),
                    HeartbeatReply.class, HeartbeatReply::leaderAddress);
            if (reply.ok()) {
                answered++;
                if (reply.slotTable() != null && reply.slotTable().epoch() > table.epoch()) {
                    table = reply.slotTable();
                }
            }
        } catch (RuntimeException e) {
            // no meta answered: keep the last table, as a real node does
        }
    }

    private List<SlotReplicaState> replicaStates() {
        long now = System.nanoTime() / 1_000_000;
        List<SlotReplicaState> states = new ArrayList<>();
        for (Slot s : table.slots()) {
            if (s.leader().equals(info.address())) {
                states.add(new SlotReplicaState(s.id(), s.leaderEpoch(), ReplicaRole.LEADER, true));
            } else if (s.followers().contains(info.address())) {
                long seen = firstSeen.computeIfAbsent(s.id() + "/" + s.leaderEpoch(), k -> now);
                boolean caughtUp = now - seen >= catchUpMs;
                if (caughtUp) {
                    reports.caughtUp(info.address(), s.id(), s.leaderEpoch());
                }
                states.add(new SlotReplicaState(s.id(), s.leaderEpoch(), ReplicaRole.FOLLOWER, caughtUp));
            }
        }
        return states;
    }

    String address() {
        return info.address();
    }

    SlotTable table() {
        return table;
    }

    /** Heartbeats meta answered so far. */
    long answered() {
        return answered;
    }

    /** Stops heartbeating, as a dead node does. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            NamedThreads.shutdown(beats);
            caller.close();
        }
    }
}
