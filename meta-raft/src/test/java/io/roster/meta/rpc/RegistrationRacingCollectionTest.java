package io.roster.meta.rpc;

import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.meta.leader.LeaderLoop;
import io.roster.meta.leader.LeaderOptions;
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
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registration racing a collection whose write timed out on the leader but is still in the log: the registration
 * sees the digest live and writes nothing, then the collection applies (here: while the ReadIndex runs). Meta must
 * not answer OK for a revision it no longer holds. A fake log holds every collection back until the test applies it.
 */
@Timeout(30)
class RegistrationRacingCollectionTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<MetaImage> state = new AtomicReference<>(
            MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1)), 1).apply().atIndex(1));
    private final List<List<MetaRecord>> held = new CopyOnWriteArrayList<>();
    private final List<List<MetaRecord>> applied = new CopyOnWriteArrayList<>();
    private final RecordProposer log = (term, records) -> {
        if (records.stream().anyMatch(r -> r instanceof RevisionsCollected)) {
            held.add(List.copyOf(records));
            return new CompletableFuture<>(); // times out on the leader, may still apply
        }
        return CompletableFuture.completedFuture(apply(records));
    };
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 200, 16), state::get, log,
            new SlotScheduler(), new LeaseTracker(60_000, now::get), new RevisionUseTracker(500, now::get));

    private synchronized MetaImage apply(List<MetaRecord> records) {
        applied.add(records);
        long index = state.get().appliedIndex() + 1;
        MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(records)), index)
                .apply().atIndex(index);
        state.set(next);
        return next;
    }

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    @Test
    void aCollectionThatAppliesDuringTheReadIndexIsFollowedByANewRegistrationBeforeOk() {
        // the ReadIndex returns once the held collection applied, as Raft would once it committed
        FixedRaftRole role = new FixedRaftRole(true, "", List.of(), () -> {
            if (!held.isEmpty()) {
                apply(held.remove(0));
            }
            return CompletableFuture.completedFuture(null);
        });
        Executor direct = Runnable::run;
        RevisionRegistrationHandler handler = new RevisionRegistrationHandler(
                new LeaderRequest(role, leaderLoop, state::get), io.roster.common.model.RegistryLimits.DEFAULTS, 5_000, 10_000, direct);
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        now.set(1_600); // idle longer than the grace: the next tick collects it, and its write hangs
        await().atMost(Duration.ofSeconds(5)).until(() -> !held.isEmpty());

        SimpleReply reply = (SimpleReply) handler.handle(null, new RevisionRegistration(SHOP_V1));

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(applied.stream().flatMap(List::stream).filter(r -> r instanceof RevisionsCollected)).hasSize(1);
        assertThat(state.get().revisions().contains(SHOP_V1.digest()))
                .as("answered OK, so meta holds it after the collection that raced it").isTrue();
    }
}
