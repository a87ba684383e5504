package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.ReplicaRole;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotReplicaState;
import io.roster.common.model.SlotTable;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.state.SlotTableChanged;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaReportsTest {
    private static final NodeInfo A = node("10.0.0.1:9621");
    private static final NodeInfo X = node("10.0.0.2:9621");
    /** Slot 0's leader A took over in epoch 3 and keeps it throughout. */
    private static final long LEADER_EPOCH = 3;

    private final ReplicaReports reports = new ReplicaReports();

    private static NodeInfo node(String address) {
        return new NodeInfo(NodeRole.DATA, address, new ProcessId(address, 1, 7));
    }

    @Test
    void anExpiredAndReadmittedNodesOldReportDoesNotCountForItsNewCopy() {
        MetaImage followed = state(5, X);
        heard(X, 5, true);
        assertThat(reports.progress(followed).caughtUp(0, X.address(), LEADER_EPOCH)).isTrue();

        // X expires: its copy goes. It is readmitted and gets a new copy under the same leader, but its first
        // heartbeat still carries the report built on table 5
        reports.progress(state(6));
        reports.forget(X.address());
        MetaImage readmitted = state(7, X);
        heard(X, 5, true);

        assertThat(reports.progress(readmitted).caughtUp(0, X.address(), LEADER_EPOCH)).isFalse();
        heard(X, 7, false);
        assertThat(reports.progress(readmitted).caughtUp(0, X.address(), LEADER_EPOCH)).isFalse();
        heard(X, 7, true);
        assertThat(reports.progress(readmitted).caughtUp(0, X.address(), LEADER_EPOCH)).isTrue();
    }

    @Test
    void aReportBuiltOnAnOlderTableDoesNotReplaceANewerOne() {
        MetaImage followed = state(5, X);
        reports.progress(followed);
        heard(X, 5, true);
        // heartbeats are handled on several threads: an earlier one, built on table 4, is handled last
        heard(X, 4, false);

        assertThat(reports.progress(followed).caughtUp(0, X.address(), LEADER_EPOCH)).isTrue();
    }

    @Test
    void aCopyKeptAcrossTablesKeepsItsCreditAndANewLeaderWaitsForReportsOnItsFirstTable() {
        reports.progress(state(5, X));
        heard(X, 5, true);

        // table 6 changes nothing for X's copy: the report built on table 5 still speaks for it
        assertThat(reports.progress(state(6, X)).caughtUp(0, X.address(), LEADER_EPOCH)).isTrue();

        // a new meta leader has not seen the table that added the copy: only a report on its table counts
        reports.clear();
        heard(X, 5, true);
        assertThat(reports.progress(state(6, X)).caughtUp(0, X.address(), LEADER_EPOCH)).isFalse();
        heard(X, 6, true);
        assertThat(reports.progress(state(6, X)).caughtUp(0, X.address(), LEADER_EPOCH)).isTrue();
    }

    @Test
    void aReportOfAnEarlierProcessAtTheSameAddressCountsForNothing() {
        reports.progress(state(5, X));
        heard(X, 5, true);
        NodeInfo restarted = new NodeInfo(NodeRole.DATA, X.address(), new ProcessId(X.address(), 2, 8));
        List<MetaRecord> records = new ArrayList<>(records(5, X));
        records.add(new NodeJoined(restarted));

        assertThat(reports.progress(MetaDelta.replaying(MetaImage.EMPTY, records).apply()).caughtUp(0, X.address(), LEADER_EPOCH))
                .isFalse();
    }

    private void heard(NodeInfo node, long knownEpoch, boolean caughtUp) {
        reports.heard(new HeartbeatRequest(node, knownEpoch, 0, 0, 0,
                List.of(new SlotReplicaState(0, LEADER_EPOCH, ReplicaRole.FOLLOWER, caughtUp))));
    }

    /** A and X live; at {@code epoch} slot 0 is led by A and followed by {@code followers}. */
    private static MetaImage state(long epoch, NodeInfo... followers) {
        return MetaDelta.replaying(MetaImage.EMPTY, records(epoch, followers)).apply();
    }

    private static List<MetaRecord> records(long epoch, NodeInfo... followers) {
        List<String> fs = new ArrayList<>();
        for (NodeInfo f : followers) {
            fs.add(f.address());
        }
        return List.of(new NodeJoined(A), new NodeJoined(X),
                new SlotTableChanged(new SlotTable(epoch, List.of(new Slot(0, A.address(), fs, LEADER_EPOCH)))));
    }
}
