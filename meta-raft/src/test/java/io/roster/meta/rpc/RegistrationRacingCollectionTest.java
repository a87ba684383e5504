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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registration racing a collection whose write timed out on the leader but is still in the log: the image still
 * shows the digest live. Meta must not answer OK for a revision the collection then removes. The fake log keeps
 * Raft's order (once it holds the collection, it holds every later entry) and commits everything it holds when a
 * ReadIndex is asked, as Raft would once the entries committed; the handler runs on its own thread.
 */
@Timeout(30)
class RegistrationRacingCollectionTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<MetaImage> state = new AtomicReference<>(
            MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1)), 1).apply().atIndex(1));
    private final List<List<MetaRecord>> held = new ArrayList<>();
    private final List<CompletableFuture<MetaImage>> waiting = new ArrayList<>();
    private final List<MetaRecord> applied = new CopyOnWriteArrayList<>();
    private final RecordProposer log = this::propose;
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 2_000, 16), state::get, log,
            new SlotScheduler(), new LeaseTracker(60_000, now::get), new RevisionUseTracker(500, now::get));

    private synchronized CompletableFuture<MetaImage> propose(long term, List<MetaRecord> records) {
        CompletableFuture<MetaImage> done = new CompletableFuture<>();
        held.add(List.copyOf(records));
        waiting.add(done);
        if (held.size() == 1 && records.stream().noneMatch(r -> r instanceof RevisionsCollected)) {
            commitAll();
        }
        return done;
    }

    private synchronized void commitAll() {
        for (int i = 0; i < held.size(); i++) {
            applied.addAll(held.get(i));
            long index = state.get().appliedIndex() + 1;
            MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(held.get(i))), index)
                    .apply().atIndex(index);
            state.set(next);
            waiting.get(i).complete(next);
        }
        held.clear();
        waiting.clear();
    }

    private synchronized boolean holds(Class<? extends MetaRecord> type) {
        return held.stream().flatMap(List::stream).anyMatch(type::isInstance);
    }

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    @Test
    void aCollectionInTheLogBeforeTheAnswerNeverRemovesARevisionAnsweredOk() throws Exception {
        FixedRaftRole role = new FixedRaftRole(true, "", List.of(), () -> {
            commitAll();
            return CompletableFuture.completedFuture(null);
        });
        RevisionRegistrationHandler handler = new RevisionRegistrationHandler(new LeaderRequest(role, leaderLoop, state::get),
                io.roster.common.model.RegistryLimits.DEFAULTS, 8_000, 10_000, Runnable::run);
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        now.set(1_600); // idle longer than the grace: the next tick collects it, and its write hangs
        await().atMost(Duration.ofSeconds(5)).until(() -> holds(RevisionsCollected.class));

        CompletableFuture<SimpleReply> reply = CompletableFuture.supplyAsync(
                () -> (SimpleReply) handler.handle(null, new RevisionRegistration(SHOP_V1)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> holds(RevisionRegistered.class) || reply.isDone());
        commitAll(); // the collection commits after all, with whatever came behind it

        assertThat(reply.get(10, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.OK);
        assertThat(applied).filteredOn(r -> r instanceof RevisionsCollected).hasSize(1);
        assertThat(state.get().revisions().contains(SHOP_V1.digest()))
                .as("answered OK, so meta holds it after the collection that raced it").isTrue();
    }
}
