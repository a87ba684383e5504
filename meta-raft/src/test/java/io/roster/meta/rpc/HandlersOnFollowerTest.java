package io.roster.meta.rpc;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.meta.image.RevisionFixtures;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.leader.LeaderOptions;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.raft.RaftRole;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.image.MetaImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What the processors answer when this meta node does not lead, or leads but is not ready; no sockets. */
class HandlersOnFollowerTest {
    private static final String LEADER = "10.0.0.9:9611";
    private static final NodeInfo DATA = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9621", 1, 1));

    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 100, 1_000, 16), () -> MetaImage.EMPTY,
            (term, records) -> CompletableFuture.failedFuture(new AssertionError("a follower must not write")),
            new SlotScheduler(), new LeaseTracker(1_000, System::currentTimeMillis));

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    private static RaftRole role(boolean leader, String leaderAddress) {
        return new FixedRaftRole(leader, leaderAddress, List.of(LEADER, "10.0.0.8:9611", "10.0.0.7:9611"),
                () -> leader ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new IllegalStateException("not the leader")));
    }

    @Test
    void aFollowerRedirectsHeartbeatsAndStatusToTheLeader() {
        RaftRole follower = role(false, LEADER);
        LeaderRequest onFollower = new LeaderRequest(follower, leaderLoop, () -> MetaImage.EMPTY);
        HeartbeatReply hb = (HeartbeatReply) new HeartbeatHandler(onFollower, 100, null)
                .handleRequest(null, new HeartbeatRequest(DATA, 0, 0, 0, 0));
        ClusterStatusReply status = (ClusterStatusReply) new ClusterStatusHandler(onFollower, null)
                .handleRequest(null, new ClusterStatusRequest("test"));

        assertThat(hb.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(hb.leaderAddress()).isEqualTo(LEADER);
        assertThat(hb.message()).contains(LEADER);
        assertThat(hb.slotTable()).isNull();
        assertThat(status.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(status.leaderAddress()).isEqualTo(LEADER);
        assertThat(status.metaPeers()).hasSize(3);
    }

    @Test
    void aLeaderThatIsStillCatchingUpAsksToRetry() {
        LeaderRequest starting = new LeaderRequest(role(true, "127.0.0.1:9611"), leaderLoop, () -> MetaImage.EMPTY);
        HeartbeatReply hb = (HeartbeatReply) new HeartbeatHandler(starting, 100, null)
                .handleRequest(null, new HeartbeatRequest(DATA, 0, 0, 0, 0));

        assertThat(hb.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(hb.code().retryable()).isTrue();
    }

    @Test
    void malformedHeartbeatsAreInvalidRequests() {
        HeartbeatHandler handler = new HeartbeatHandler(new LeaderRequest(role(false, LEADER), leaderLoop, () -> MetaImage.EMPTY), 100, null);
        NodeInfo meta = new NodeInfo(NodeRole.META, "127.0.0.1:9611", new ProcessId("127.0.0.1:9611", 1, 1));
        NodeInfo mismatched = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9999", 1, 1));

        HeartbeatReply noNode = (HeartbeatReply) handler.handleRequest(null, new HeartbeatRequest(null, 0, 0, 0, 0));
        HeartbeatReply metaRole = (HeartbeatReply) handler.handleRequest(null, new HeartbeatRequest(meta, 0, 0, 0, 0));
        HeartbeatReply wrongProcess = (HeartbeatReply) handler.handleRequest(null, new HeartbeatRequest(mismatched, 0, 0, 0, 0));

        assertThat(noNode.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(metaRole.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(metaRole.message()).contains("META");
        assertThat(wrongProcess.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(wrongProcess.message()).contains("127.0.0.1:9999");
    }

    @Test
    void aFollowerRedirectsRevisionCallsNamingTheLeader() {
        LeaderRequest onFollower = new LeaderRequest(role(false, LEADER), leaderLoop, () -> MetaImage.EMPTY);
        SimpleReply registration = (SimpleReply) new RevisionRegistrationHandler(onFollower, RegistryLimits.DEFAULTS, 100, 10_000, null)
                .handleRequest(null, new RevisionRegistration(RevisionFixtures.SHOP_V1));
        RevisionCatalogReply catalog = (RevisionCatalogReply) new RevisionCatalogHandler(onFollower, 100, null)
                .handleRequest(null, new RevisionCatalogRequest(0));

        assertThat(registration.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(registration.message()).contains(LEADER);
        assertThat(catalog.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(catalog.leaderAddress()).isEqualTo(LEADER);
        assertThat(catalog.added()).isEmpty();
    }

    @Test
    void aRevisionWhoseContentDoesNotMatchItsDigestIsAnInvalidRequestOnAnyNode() {
        Revision forged = new Revision("shop", RevisionFixtures.WAREHOUSE.digest(), RevisionFixtures.SHOP_V1.interfaces());
        RevisionRegistrationHandler handler = new RevisionRegistrationHandler(
                new LeaderRequest(role(false, LEADER), leaderLoop, () -> MetaImage.EMPTY), RegistryLimits.DEFAULTS, 100, 10_000, null);

        SimpleReply forgedReply = (SimpleReply) handler.handleRequest(null, new RevisionRegistration(forged));
        SimpleReply missing = (SimpleReply) handler.handleRequest(null, new RevisionRegistration(null));

        assertThat(forgedReply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(forgedReply.message()).contains(RevisionFixtures.WAREHOUSE.digest()).contains("digests to");
        assertThat(missing.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
