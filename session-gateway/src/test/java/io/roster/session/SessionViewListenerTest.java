package io.roster.session;

import io.roster.common.model.Datum;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import io.roster.common.slot.SlotFunction;
import io.roster.common.view.ClusterView;
import io.roster.common.view.ClusterViewDelta;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushEngine;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session's reaction to its cluster view changing, driven by deltas as the heartbeat hands them over. */
@Timeout(30)
class SessionViewListenerTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final AtomicLong version = new AtomicLong(1);
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final PushEngine pushes = new PushEngine(registry, id -> new Datum(id, version.get(), List.of()),
            (connection, message) -> {
                sent.add(message);
                return CompletableFuture.completedFuture(true);
            }, 0);
    private final List<Long> epochs = new CopyOnWriteArrayList<>();
    private final AtomicInteger versionChecks = new AtomicInteger();
    private final AtomicInteger hellos = new AtomicInteger();
    private final SessionViewListener listener = new SessionViewListener("127.0.0.1:1", pushes, epochs::add,
            versionChecks::incrementAndGet, hellos::incrementAndGet);

    @AfterEach
    void stop() {
        pushes.close();
    }

    private static ClusterView view(long epoch, boolean push) {
        return new ClusterView(new SlotTable(epoch, List.of()), List.of(), List.of(),
                Switches.DEFAULTS.with(Switch.PUSH, push), epoch);
    }

    @Test
    void everyViewChangeSaysHelloReportsTheEpochAndChecksVersions() {
        listener.onChange(ClusterViewDelta.first(view(3, true)));
        listener.onChange(ClusterViewDelta.between(view(3, true), view(4, true)));

        assertThat(epochs).containsExactly(3L, 4L);
        assertThat(versionChecks).hasValue(2);
        assertThat(hellos).hasValue(2);
        assertThat(pushes.enabled()).isTrue();
    }

    @Test
    void thePushSwitchTurnedOffHoldsChangesAndTurnedOnPushesTheLatest() {
        SubscriberRecord s = new SubscriberRecord("s", ID, "c", ConnectionHandle.alwaysOpen("c"));
        registry.addSubscriber(s);

        listener.onChange(ClusterViewDelta.first(view(1, false))); // the first view already has it off
        assertThat(pushes.enabled()).isFalse();
        pushes.pushCurrent(s);
        pushes.onChange(ID);
        await().until(() -> pushes.heldCount() == 1);
        version.set(7);

        listener.onChange(ClusterViewDelta.between(view(1, false), view(2, false))); // no flip: still held
        assertThat(pushes.heldCount()).isEqualTo(1);
        listener.onChange(ClusterViewDelta.between(view(2, false), view(3, true)));

        await().until(() -> s.pushedVersion() == 7);
        assertThat(sent).extracting(PushMessage::version).containsExactly(7L);
    }
}
