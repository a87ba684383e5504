package io.roster.meta.leader;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collection whose write timed out on the leader is still in the log, uncommitted: a registration of the digest
 * it removes, made meanwhile, must not trust the image (which still has the digest) and answer "live, nothing to
 * write": it writes the revision again, behind the collection in the log, so whatever the collection does, the
 * revision stays. The fake log keeps Raft's order: once it holds an entry, it holds every later one too.
 */
@Timeout(30)
class RegistrationAfterTimedOutWriteTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<MetaImage> state = new AtomicReference<>(
            MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1)), 1).apply().atIndex(1));
    private final List<List<MetaRecord>> proposed = new ArrayList<>();
    private final List<CompletableFuture<MetaImage>> waiting = new ArrayList<>();
    private final RecordProposer log = this::propose;
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 2_000, 16), state::get, log,
            new SlotScheduler(), new LeaseTracker(60_000, now::get), new RevisionUseTracker(500, now::get));

    private synchronized CompletableFuture<MetaImage> propose(long term, List<MetaRecord> records) {
        CompletableFuture<MetaImage> applied = new CompletableFuture<>();
        proposed.add(List.copyOf(records));
        waiting.add(applied);
        if (proposed.size() == waiting.size() && records.stream().noneMatch(r -> r instanceof RevisionsCollected)
                && waiting.size() == 1) {
            commitAll(); // nothing held before it
        }
        return applied;
    }

    /** Commits and applies, in log order, every entry held. */
    private synchronized void commitAll() {
        for (int i = 0; i < waiting.size(); i++) {
            long index = state.get().appliedIndex() + 1;
            MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(proposed.get(i))),
                    index).apply().atIndex(index);
            state.set(next);
            waiting.get(i).complete(next);
        }
        proposed.clear();
        waiting.clear();
    }

    private synchronized boolean holdsACollection() {
        return proposed.stream().flatMap(List::stream).anyMatch(r -> r instanceof RevisionsCollected);
    }

    private synchronized boolean holdsARegistration() {
        return proposed.stream().flatMap(List::stream).anyMatch(r -> r instanceof RevisionRegistered);
    }

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    @Test
    void aRegistrationBehindACollectionInDoubtIsWrittenAndSurvivesIt() throws Exception {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        now.set(1_600); // idle longer than the grace: the next tick collects it; the write stays uncommitted
        await().atMost(Duration.ofSeconds(5)).until(this::holdsACollection);

        CompletableFuture<Registration> registration = leaderLoop.registerRevision(SHOP_V1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> holdsARegistration() || registration.isDone());
        commitAll(); // the collection commits after all, and whatever came behind it

        Registration done = registration.get(10, TimeUnit.SECONDS);
        assertThat(done.written()).as("the image could not be trusted: written again").isTrue();
        assertThat(state.get().revisions().contains(SHOP_V1.digest())).isTrue();
    }
}
