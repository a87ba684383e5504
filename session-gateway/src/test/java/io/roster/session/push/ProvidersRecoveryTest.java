package io.roster.session.push;

import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.RegistryLimits;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.PushMessage;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A providers datum is computed here, so data's versions say nothing of it: a catalog change whose push round failed
 * (or never started) must still reach its subscribers, at the next version check.
 */
@Timeout(30)
class ProvidersRecoveryTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final SlotFunction SLOTS = new SlotFunction(8);
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ClientRegistry registry = new ClientRegistry(SLOTS);
    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final RpcCaller caller = new RpcCaller();
    private PushEngine engine;
    private VersionCheck check;

    @AfterEach
    void stop() {
        check.close();
        engine.close();
        caller.close();
    }

    @Test
    void aProvidersChangeWhoseRoundFailedIsPushedByTheNextVersionCheck() {
        Revision orders = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
        AtomicReference<RevisionCatalog> catalog = new AtomicReference<>(RevisionCatalog.of(5, List.of(orders),
                List.of(new InterfaceProviders(ECHO, List.of("orders")))));
        engine = new PushEngine(registry, Datum::absent, (connection, message) -> {
            sent.add(message);
            return CompletableFuture.completedFuture(true);
        }, new PushOptions(0, 8192, 16), PushMetrics.discarded(), catalog::get, (id, since) -> {
            throw new IllegalStateException("nothing is converted here");
        });
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS.slotCount(); i++) {
            slots.add(new Slot(i, "127.0.0.1:1", List.of(), 1));
        }
        ClusterView view = new ClusterView(new SlotTable(1, slots), List.of(), List.of(), null, 0);
        check = new VersionCheck(registry, engine, caller, () -> view, SLOTS, new ProcessId("127.0.0.1:9601", 1, 1),
                2000, 3_600_000, () -> { });
        SubscriberRecord s = new SubscriberRecord("s", PushTargets.providersOf(ECHO), "client",
                ConnectionHandle.alwaysOpen("c"));
        registry.addSubscriber(s);
        engine.pushCurrent(s);
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.pushedVersion() == 5);

        Revision shop = Revision.of("shop", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
        // The catalog moved, and the push of its change failed to start (the listener threw): nothing was pushed.
        catalog.set(catalog.get().advance(6, List.of(shop), null, List.of(new InterfaceProviders(ECHO, List.of("shop")))));
        assertThat(check.round()).as("one providers datum repaired").isEqualTo(1);
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.pushedVersion() == 6);
        assertThat(check.round()).as("nothing more to repair").isZero();
    }
}
