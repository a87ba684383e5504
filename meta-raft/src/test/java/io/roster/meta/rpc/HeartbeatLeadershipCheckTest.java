package io.roster.meta.rpc;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.leader.LeaderOptions;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.NodeJoined;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A meta node that still believes it leads (isLeader() is true, its leader loop is active) but whose leadership Raft no
 * longer confirms: a deposed leader in the window before it steps down. It must not answer from its state.
 */
class HeartbeatLeadershipCheckTest {
    private static final String SELF = "127.0.0.1:9611";
    private static final NodeInfo DATA = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9621", 1, 1));
    /** The deposed leader's image: the session's admission was committed by the new leader and never reached it. */
    private static final MetaImage STALE = MetaDelta.replaying(MetaImage.EMPTY, List.of(new NodeJoined(DATA))).apply();

    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 60_000, 1_000, 16), () -> STALE,
            (term, records) -> CompletableFuture.failedFuture(new IllegalStateException("this test writes nothing")),
            new SlotScheduler(), new LeaseTracker(60_000, System::currentTimeMillis));

    @BeforeEach
    void lead() {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
    }

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    private static RaftRole believesItLeads(CompletableFuture<Void> readIndex) {
        return new FixedRaftRole(true, SELF, List.of(SELF, "127.0.0.1:9612", "127.0.0.1:9613"), () -> readIndex);
    }

    private HeartbeatReply heartbeat(RaftRole role) {
        return (HeartbeatReply) new HeartbeatHandler(new LeaderRequest(role, leaderLoop, () -> STALE), 100, null)
                .handleRequest(null, new HeartbeatRequest(DATA, 0, 0, 0, 0));
    }

    @Test
    void aLeaderWhoseReadIndexFailsAnswersARetryableErrorNotItsState() {
        HeartbeatReply reply = heartbeat(believesItLeads(
                CompletableFuture.failedFuture(new IllegalStateException("ERAFTTIMEDOUT: quorum unreachable"))));

        assertThat(reply.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(reply.code().retryable()).isTrue();
        assertThat(reply.dataNodes()).isEmpty();
        assertThat(reply.sessionNodes()).isEmpty();
        assertThat(reply.slotTable()).isNull();
        // naming itself would send the caller straight back here; "unknown" makes it try the other meta servers
        assertThat(reply.leaderAddress()).isEmpty();
    }

    @Test
    void aLeaderWhoseReadIndexNeverCompletesAnswersARetryableErrorInTime() {
        HeartbeatReply reply = heartbeat(believesItLeads(new CompletableFuture<>()));

        assertThat(reply.code().retryable()).isTrue();
        assertThat(reply.dataNodes()).isEmpty();
    }

    @Test
    void aConfirmedLeaderAnswersWithTheVersionOfItsState() {
        HeartbeatReply reply = heartbeat(believesItLeads(CompletableFuture.completedFuture(null)));

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.dataNodes()).containsExactly(DATA);
        assertThat(reply.metaVersion()).isEqualTo(STALE.appliedIndex());
    }
}
