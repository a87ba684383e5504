package io.roster.meta.rpc;

import io.roster.common.model.RegistryLimits;
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
import io.roster.meta.state.RecordCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static io.roster.meta.image.RevisionFixtures.SHOP_V2;
import static io.roster.meta.image.RevisionFixtures.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** meta.max-revisions: a new revision beyond it is refused LIMIT_EXCEEDED naming the setting; live ones still answer OK. */
@Timeout(30)
class RevisionCapTest {
    private final AtomicReference<MetaImage> state = new AtomicReference<>(MetaImage.EMPTY);
    private final RecordProposer log = (term, records) -> {
        long index = state.get().appliedIndex() + 1;
        MetaImage next = MetaDelta.replaying(state.get(), RecordCodec.decode(RecordCodec.encode(records)), index)
                .apply().atIndex(index);
        state.set(next);
        return CompletableFuture.completedFuture(next);
    };
    private final LeaderLoop leaderLoop = new LeaderLoop(new LeaderOptions(8, 2, 10, 1_000, 16), state::get, log,
            new SlotScheduler(), new LeaseTracker(60_000, System::currentTimeMillis),
            new RevisionUseTracker(600_000, System::currentTimeMillis));
    private final RevisionRegistrationHandler handler = new RevisionRegistrationHandler(
            new LeaderRequest(new FixedRaftRole(true, "", List.of(), () -> CompletableFuture.completedFuture(null)),
                    leaderLoop, state::get), RegistryLimits.DEFAULTS, 5_000, 2, Runnable::run);

    @AfterEach
    void close() {
        leaderLoop.close();
    }

    private SimpleReply register(io.roster.common.app.Revision revision) {
        return (SimpleReply) handler.handle(null, new RevisionRegistration(revision));
    }

    @Test
    void aNewRevisionBeyondTheCapIsRefusedNamingTheSetting() {
        leaderLoop.leaderStarted(1);
        await().atMost(Duration.ofSeconds(5)).until(leaderLoop::isActive);
        assertThat(register(SHOP_V1).code()).isEqualTo(ErrorCode.OK);
        assertThat(register(WAREHOUSE).code()).isEqualTo(ErrorCode.OK);

        SimpleReply refused = register(SHOP_V2);

        assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(refused.message()).contains(SHOP_V2.digest(), "meta.max-revisions", "2");
        assertThat(state.get().revisions().contains(SHOP_V2.digest())).isFalse();
        assertThat(register(SHOP_V1).code()).as("a live one is no new revision").isEqualTo(ErrorCode.OK);
    }
}
