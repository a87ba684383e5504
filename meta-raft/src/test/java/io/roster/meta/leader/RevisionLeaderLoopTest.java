package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.lease.RevisionUseTracker;
import io.roster.meta.raft.RecordProposer;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static io.roster.meta.image.RevisionFixtures.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leader loop's revision writes on a hand-moved clock and a log that applies at once: registrations write only
 * new digests, and collection keeps what sessions report or what was registered again within the grace (500 ms).
 */
@Timeout(30)
class RevisionLeaderLoopTest {
    private static final NodeInfo SESSION = new NodeInfo(NodeRole.SESSION, "127.0.0.1:9601",
            new ProcessId("127.0.0.1:9601", 1, 7));

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<MetaImage> state = new AtomicReference<>(MetaImage.EMPTY);
    private final List<List<MetaRecord>> entries = new CopyOnWriteArrayList<>();
    private final AtomicLong stateReads = new AtomicLong();
    private final RecordProposer log = (term, records) -> {
        entries.add(List.copyOf(records));
        MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(records)),
                state.get().appliedIndex() + 1).apply().atIndex(state.get().appliedIndex() + 1);
        state.set(next);
        return CompletableFuture.completedFuture(next);
    };
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 1_000, 16), () -> {
        stateReads.incrementAndGet();
        return state.get();
    }, log, new SlotScheduler(), new LeaseTracker(60_000, now::get), new RevisionUseTracker(500, now::get));

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    private void letTicksRun() {
        long reads = stateReads.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> stateReads.get() >= reads + 3);
    }

    @Test
    void onlyANewDigestIsWrittenAndCollectionKeepsWhatIsReportedOrRegisteredAgain() throws Exception {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);

        Registration first = leaderLoop.registerRevision(SHOP_V1).get(5, TimeUnit.SECONDS);
        Registration again = leaderLoop.registerRevision(SHOP_V1).get(5, TimeUnit.SECONDS);
        leaderLoop.registerRevision(WAREHOUSE).get(5, TimeUnit.SECONDS);

        assertThat(first.written()).isTrue();
        assertThat(first.image().revisions().contains(SHOP_V1.digest())).isTrue();
        assertThat(again.written()).isFalse();
        assertThat(entries.stream().flatMap(List::stream).filter(r -> r instanceof RevisionRegistered))
                .containsExactly(new RevisionRegistered(SHOP_V1), new RevisionRegistered(WAREHOUSE));

        // a session reports SHOP_V1 in use; WAREHOUSE, registered at 1000, goes once the grace has passed
        now.set(1_400);
        leaderLoop.heard(new HeartbeatRequest(SESSION, 0, 0, 0, 0, List.of(), List.of(SHOP_V1.digest())));
        now.set(1_500);
        letTicksRun();
        assertThat(state.get().revisions().catalog().size()).as("nothing is idle for more than 500 ms yet").isEqualTo(2);
        now.set(1_501);
        await().atMost(Duration.ofSeconds(5)).until(() -> !state.get().revisions().contains(WAREHOUSE.digest()));
        assertThat(state.get().revisions().contains(SHOP_V1.digest())).isTrue();

        // registering the live SHOP_V1 again counts as a use, as a report does
        now.set(1_800);
        assertThat(leaderLoop.registerRevision(SHOP_V1).get(5, TimeUnit.SECONDS).written()).isFalse();
        now.set(2_300);
        letTicksRun();
        assertThat(state.get().revisions().contains(SHOP_V1.digest())).isTrue();
        now.set(2_301);
        await().atMost(Duration.ofSeconds(5)).until(() -> !state.get().revisions().contains(SHOP_V1.digest()));
        assertThat(entries.stream().flatMap(List::stream).filter(r -> r instanceof RevisionsCollected))
                .containsExactly(new RevisionsCollected(List.of(WAREHOUSE.digest())),
                        new RevisionsCollected(List.of(SHOP_V1.digest())));
    }

    @Test
    void aDataNodesHeartbeatReportsNoRevisionInUse() throws Exception {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        leaderLoop.registerRevision(SHOP_V1).get(5, TimeUnit.SECONDS);
        NodeInfo data = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9621", 1, 7));

        now.set(1_400);
        leaderLoop.heard(new HeartbeatRequest(data, 0, 0, 0, 0, List.of(), List.of(SHOP_V1.digest())));
        now.set(1_501);

        await().atMost(Duration.ofSeconds(5)).until(() -> !state.get().revisions().contains(SHOP_V1.digest()));
    }
}
