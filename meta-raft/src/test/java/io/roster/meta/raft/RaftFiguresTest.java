package io.roster.meta.raft;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Switch;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RaftFiguresTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RaftFigures figures = new RaftFigures(nanos::get);

    @Test
    void snapshotAgeIsMinusOneUntilASnapshotThenCountsWholeSeconds() {
        assertThat(figures.snapshotAgeSeconds()).isEqualTo(RaftFigures.NO_SNAPSHOT);
        figures.snapshotTaken();
        assertThat(figures.snapshotAgeSeconds()).isZero();
        nanos.addAndGet(2_500_000_000L);
        assertThat(figures.snapshotAgeSeconds()).isEqualTo(2);
        figures.snapshotTaken();
        assertThat(figures.snapshotAgeSeconds()).isZero();
    }

    @Test
    void everyLeaderSeenCountsAsAChangeAndTheTermOnlyRises() {
        figures.followingStarted(3);
        figures.leaderStarted(5);
        assertThat(figures.leading()).isTrue();
        figures.leaderStopped();
        figures.followingStarted(4); // a late notice of an older term does not move the term back
        assertThat(figures.leading()).isFalse();
        assertThat(figures.term()).isEqualTo(5);
        assertThat(figures.leaderChanges().getCount()).isEqualTo(3);
    }

    @Test
    void onlyExpiryRecordsCountAsLeaseExpiries() {
        NodeInfo data = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9621", 1, 7));
        NodeInfo session = new NodeInfo(NodeRole.SESSION, "127.0.0.1:9601", new ProcessId("127.0.0.1:9601", 1, 7));
        figures.applied(List.<MetaRecord>of(new SwitchChanged(Switch.PUSH, false), new NodeExpired(data), new NodeExpired(session)));
        assertThat(figures.leaseExpiries().getCount()).isEqualTo(2);
    }
}
