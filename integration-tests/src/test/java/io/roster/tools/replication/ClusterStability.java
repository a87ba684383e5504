package io.roster.tools.replication;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.datastore.DataServer;
import io.roster.datastore.slot.SlotState;
import io.roster.datastore.slot.SlotPhase;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaState;
import io.roster.session.SessionServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Says what keeps a {@link ReplicationCluster} from being stable, one line per problem, so a wait that times out
 * tells why. Stable: meta lists exactly the running data and session processes; every slot has a live leader
 * and its followers; every data node and session knows meta's table, and every data node is ready.
 */
final class ClusterStability {
    private ClusterStability() {
    }

    static List<String> problems(ReplicationCluster cluster) {
        List<String> problems = new ArrayList<>();
        MetaState state = cluster.metaState();
        SlotTable table = state.slotTable();
        List<String> live = cluster.liveDataAddresses();
        if (table.slotCount() != ReplicationCluster.SLOTS) {
            problems.add("meta's slot table has " + table.slotCount() + " slots");
            return problems;
        }
        Set<ProcessId> liveData = cluster.liveData().stream().map(DataServer::processId).collect(Collectors.toSet());
        Set<ProcessId> metaData = state.dataNodes().stream().map(NodeInfo::processId).collect(Collectors.toSet());
        if (!metaData.equals(liveData)) {
            problems.add("meta lists data processes " + metaData + ", running: " + liveData);
        }
        Set<ProcessId> liveSessions = cluster.liveSessions().stream().map(SessionServer::processId).collect(Collectors.toSet());
        Set<ProcessId> metaSessions = state.sessionNodes().stream().map(NodeInfo::processId).collect(Collectors.toSet());
        if (!metaSessions.equals(liveSessions)) {
            problems.add("meta lists session processes " + metaSessions + ", running: " + liveSessions);
        }
        int wantedFollowers = Math.min(ReplicationCluster.REPLICAS - 1, live.size() - 1);
        for (Slot s : table.slots()) {
            if (!live.contains(s.leader())) {
                problems.add("slot " + s.id() + " is led by '" + s.leader() + "', not a live data node");
            }
            if (s.followers().size() != wantedFollowers || !live.containsAll(s.followers())) {
                problems.add("slot " + s.id() + " has followers " + s.followers() + ", wanted " + wantedFollowers + " of " + live);
            }
        }
        for (DataServer d : cluster.liveData()) {
            long epoch = d.view().slotTable().epoch();
            if (epoch != table.epoch()) {
                problems.add("data " + d.address() + " knows slot table epoch " + epoch + ", meta " + table.epoch());
            } else if (!d.isReady()) {
                problems.add("data " + d.address() + " not ready: " + notReadySlots(d, table));
            }
        }
        for (SessionServer s : cluster.liveSessions()) {
            long epoch = s.view().slotTable().epoch();
            if (epoch != table.epoch()) {
                problems.add("session " + s.address() + " knows slot table epoch " + epoch + ", meta " + table.epoch());
            }
        }
        return problems;
    }

    /** Empty when the slot scheduler, given that every follower caught up, would leave meta's table as it is. */
    static List<String> unbalanced(ReplicationCluster cluster) {
        SlotTable table = cluster.slotTable();
        SlotTable next = new SlotScheduler().next(table, cluster.liveDataAddresses(), ReplicationCluster.SLOTS,
                ReplicationCluster.REPLICAS);
        if (next.epoch() == table.epoch()) {
            return List.of();
        }
        List<String> moves = new ArrayList<>();
        for (int i = 0; i < table.slotCount(); i++) {
            if (!table.slot(i).equals(next.slot(i))) {
                moves.add(table.slot(i) + " -> " + next.slot(i));
            }
        }
        return moves;
    }

    /** The slots of meta's table where {@code d} is not yet what the table says (leader in ACCEPT, or caught-up follower). */
    static List<String> notReadySlots(DataServer d, SlotTable table) {
        List<String> out = new ArrayList<>();
        for (Slot s : table.slots()) {
            Optional<SlotState> local = localSlot(d, s.id());
            String phase = local.map(l -> l.phase() + "@" + l.leaderEpoch()).orElse("absent");
            if (d.address().equals(s.leader())) {
                if (local.isEmpty() || local.get().phase() != SlotPhase.ACCEPT || local.get().leaderEpoch() != s.leaderEpoch()) {
                    out.add("leads " + s.id() + "@" + s.leaderEpoch() + " as " + phase);
                }
            } else if (s.followers().contains(d.address()) && !d.caughtUp(s.id(), s.leaderEpoch())) {
                out.add("follows " + s.id() + "@" + s.leaderEpoch() + " as " + phase + ", not caught up");
            }
        }
        return out;
    }

    static Optional<SlotState> localSlot(DataServer d, int slot) {
        return d.localSlots().stream().filter(l -> l.id() == slot).findFirst();
    }

    /** Slots of meta's table whose leader is not live, or does not hold them in ACCEPT under the table's leaderEpoch. */
    static List<String> slotsNotAccepting(ReplicationCluster cluster) {
        List<String> out = new ArrayList<>();
        for (Slot s : cluster.slotTable().slots()) {
            DataServer leader = cluster.data(s.leader());
            if (leader == null) {
                out.add("slot " + s.id() + ": leader '" + s.leader() + "' is not live");
                continue;
            }
            Optional<SlotState> local = localSlot(leader, s.id());
            if (local.isEmpty() || local.get().phase() != SlotPhase.ACCEPT || local.get().leaderEpoch() != s.leaderEpoch()) {
                out.add("slot " + s.id() + ": leader " + s.leader() + " holds it as " + local.orElse(null)
                        + ", table leaderEpoch " + s.leaderEpoch());
            }
        }
        return out;
    }

    static Set<Integer> slotsLedBy(SlotTable table, String address) {
        return table.slots().stream().filter(s -> s.leader().equals(address)).map(Slot::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
