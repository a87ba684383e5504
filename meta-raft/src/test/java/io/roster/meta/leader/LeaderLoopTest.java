package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.raft.ProposalFailedException;
import io.roster.meta.raft.RecordProposer;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.state.RecordCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class LeaderLoopTest {
    private static final NodeInfo DATA = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");

    private final AtomicLong now = new AtomicLong(1_000);
    private final LocalLog log = new LocalLog();
    /** How often the leader looked at the state: once per tick at least. */
    private final AtomicLong stateReads = new AtomicLong();
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 1_000, 16), () -> {
        stateReads.incrementAndGet();
        return log.state.get();
    }, log, new SlotScheduler(), new LeaseTracker(500, now::get));

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 1, 7));
    }

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    @Test
    void aJoiningDataNodeIsAdmittedWithItsSlotsInOneEntry() throws Exception {
        leaderLoop.leaderStarted(3);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);

        MetaImage after = leaderLoop.join(DATA).get(5, TimeUnit.SECONDS);

        assertThat(after.dataNodes()).containsExactly(DATA);
        assertThat(after.slotTable().slots()).allSatisfy(s -> assertThat(s.leader()).isEqualTo(DATA.address()));
        assertThat(log.entries).hasSize(1);
        assertThat(log.entries.get(0)).hasSize(2);
        assertThat(log.terms).containsOnly(3L);

        MetaImage withSession = leaderLoop.join(SESSION).get(5, TimeUnit.SECONDS);
        assertThat(withSession.sessionNodes()).containsExactly(SESSION);
        assertThat(withSession.slotTable()).isSameAs(after.slotTable());
    }

    @Test
    void aRestartedDataNodeReplacesItsOldProcessAndItsSlotsGetANewLeaderEpoch() throws Exception {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        MetaImage first = leaderLoop.join(DATA).get(5, TimeUnit.SECONDS);
        NodeInfo restarted = new NodeInfo(NodeRole.DATA, DATA.address(), new ProcessId(DATA.address(), 2, 8));

        MetaImage second = leaderLoop.join(restarted).get(5, TimeUnit.SECONDS);

        assertThat(second.dataNodes()).containsExactly(restarted);
        assertThat(second.slotTable().epoch()).isEqualTo(first.slotTable().epoch() + 1);
        assertThat(second.slotTable().slots()).allSatisfy(s -> {
            assertThat(s.leader()).isEqualTo(DATA.address());
            assertThat(s.leaderEpoch()).isEqualTo(second.slotTable().epoch());
        });
    }

    @Test
    void silentNodesExpireAfterTheLeaseAndTheirSlotsLoseTheirLeader() throws Exception {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        leaderLoop.heard(new HeartbeatRequest(DATA, 0, 4, 0, 0));
        leaderLoop.heard(new HeartbeatRequest(SESSION, 0, 0, 9, 2));
        leaderLoop.join(DATA).get(5, TimeUnit.SECONDS);
        leaderLoop.join(SESSION).get(5, TimeUnit.SECONDS);
        assertThat(leaderLoop.load(SESSION.address())).isEqualTo(new NodeLoad(0, 9, 2));

        now.addAndGet(400);
        leaderLoop.heard(new HeartbeatRequest(SESSION, 1, 0, 9, 2));
        now.addAndGet(101);

        await().atMost(Duration.ofSeconds(5)).until(() -> log.state.get().dataNodes().isEmpty());
        MetaImage s = log.state.get();
        assertThat(s.sessionNodes()).containsExactly(SESSION);
        assertThat(s.slotTable().slots()).allSatisfy(slot -> assertThat(slot.hasLeader()).isFalse());
    }

    @Test
    void aNewLeaderWaitsOneLeaseBeforeExpiringNodesItNeverHeard() {
        log.state.set(MetaDelta.replaying(MetaImage.EMPTY, List.of(new io.roster.meta.state.NodeJoined(SESSION))).apply());
        leaderLoop.leaderStarted(2);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);

        now.addAndGet(500);
        // let a few ticks run, each of which could (wrongly) expire the node
        long reads = stateReads.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> stateReads.get() >= reads + 3);
        assertThat(log.state.get().sessionNodes()).containsExactly(SESSION);

        now.addAndGet(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> log.state.get().sessionNodes().isEmpty());
    }

    @Test
    void afterLosingLeadershipJoinsAreRefusedAsNotLeader() {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        leaderLoop.leaderStopped();

        assertThat(leaderLoop.isActive()).isFalse();
        assertThatThrownBy(() -> leaderLoop.join(DATA).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ProposalFailedException.class)
                .satisfies(e -> assertThat(((ProposalFailedException) e).notLeader()).isTrue());
    }

    /** Applies every proposal at once, like a one-node group with an instant disk. */
    private static final class LocalLog implements RecordProposer {
        final AtomicReference<MetaImage> state = new AtomicReference<>(MetaImage.EMPTY);
        final List<List<MetaRecord>> entries = new ArrayList<>();
        final List<Long> terms = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<MetaImage> propose(long term, List<MetaRecord> records) {
            entries.add(List.copyOf(records));
            terms.add(term);
            // encode and decode, as the real log does
            MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(records))).apply();
            state.set(next);
            return CompletableFuture.completedFuture(next);
        }
    }
}
