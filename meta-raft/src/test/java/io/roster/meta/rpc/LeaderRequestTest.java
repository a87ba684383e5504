package io.roster.meta.rpc;

import io.roster.common.rpc.ReplyException;
import io.roster.common.wire.ErrorCode;
import io.roster.meta.image.MetaImage;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.leader.LeaderOptions;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.slot.SlotScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a handler's wait on a Raft write turns into its reply; no sockets, no Raft. */
class LeaderRequestTest {
    private static final String LEADER = "10.0.0.9:9611";

    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 100, 1_000, 16), () -> MetaImage.EMPTY,
            (term, records) -> CompletableFuture.failedFuture(new AssertionError("this test writes nothing")),
            new SlotScheduler(), new LeaseTracker(1_000, System::currentTimeMillis));
    private final LeaderRequest request = new LeaderRequest(new FixedRaftRole(false, LEADER, List.of(LEADER),
            () -> CompletableFuture.failedFuture(new IllegalStateException("not the leader"))), leaderLoop, () -> MetaImage.EMPTY);

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    @Test
    void aWriteThatCompletesIsTheAnswer() {
        assertThat(request.await(CompletableFuture.completedFuture(MetaImage.EMPTY), 100, "failed")).contains(MetaImage.EMPTY);
    }

    @Test
    void aWriteStillInFlightIsEmptyForTheHandlerToDecide() {
        assertThat(request.await(new CompletableFuture<MetaImage>(), 1, "failed")).isEmpty();
    }

    @Test
    void aLostLeadershipIsNotLeaderNamingTheLeaderAndAnyOtherFailureIsUnavailable() {
        assertThatThrownBy(() -> request.await(CompletableFuture.failedFuture(new ProposalFailedException("gone", true)), 100, "x"))
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER);
                    assertThat(e.getMessage()).contains(LEADER);
                });
        assertThatThrownBy(() -> request.await(CompletableFuture.failedFuture(new ProposalFailedException("disk full", false)),
                100, "the switch write failed"))
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("the switch write failed: disk full");
                });
    }

    @Test
    void aFollowerIsRefusedAsNotLeader() {
        assertThatThrownBy(request::requireLeader).isInstanceOfSatisfying(ReplyException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER));
        assertThat(request.confirmLeadership(100)).isEqualTo("not the leader");
    }
}
