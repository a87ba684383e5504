package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read of an application's datum that hangs (its slot leader is failing over) while converted rounds of several
 * interfaces made of it run: the push workers must stay free, so a plain datum's change is still pushed.
 */
@Timeout(60)
class ConvertedSlowReadTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ORDERS = AppIds.appDataInfoId("orders", LIMITS);
    private static final String PLAIN = "com.example.Plain#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final AtomicLong plainVersion = new AtomicLong(1);
    private final AtomicLong ordersVersion = new AtomicLong(7);
    private final AtomicReference<CountDownLatch> slow = new AtomicReference<>();
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private PushEngine engine;

    @AfterEach
    void stop() {
        release.countDown();
        if (engine != null) {
            engine.close();
        }
    }

    private static String iface(int i) {
        return "com.example.Svc" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    @Test
    void aHangingAppDatumReadStopsNoPlainPush() {
        List<InterfaceSpec> specs = new ArrayList<>();
        List<InterfaceProviders> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            specs.add(InterfaceSpec.of(iface(i), Map.of(), LIMITS));
            pairs.add(new InterfaceProviders(iface(i), List.of("orders")));
        }
        Revision revision = Revision.of("orders", specs, LIMITS);
        RevisionCatalog catalog = RevisionCatalog.of(5, List.of(revision), pairs);
        Publisher instance = new Publisher("i-1", ORDERS, "c", "orders", "", List.of(new AppInstance(revision.digest(),
                "10.0.0.1:1", Map.of()).encode()), 1, 1, SESSION);
        DeltaDatumReader.Source source = (id, since) -> {
            CountDownLatch gate = slow.get();
            if (gate != null && id.equals(ORDERS)) {
                slowEntered.countDown();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new DatumReply(ErrorCode.OK, "", id.equals(ORDERS)
                    ? new Datum(ORDERS, ordersVersion.get(), List.of(instance)) : Datum.absent(id));
        };
        DatumReader plain = id -> {
            long v = plainVersion.get();
            return new Datum(id, v, List.of(new Publisher("p", id, "c", "app", "",
                    List.of(("v" + v).getBytes(StandardCharsets.UTF_8)), v, 1, SESSION)));
        };
        engine = new PushEngine(registry, plain, (connection, message) -> CompletableFuture.completedFuture(true),
                new PushOptions(0, 0, 16), PushMetrics.discarded(), () -> catalog, source);
        List<SubscriberRecord> converted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SubscriberRecord s = new SubscriberRecord("s" + i, iface(i), "client", ConnectionHandle.alwaysOpen("c"));
            registry.addSubscriber(s);
            converted.add(s);
            engine.pushCurrent(s);
        }
        SubscriberRecord plainSubscriber = new SubscriberRecord("p", PLAIN, "client", ConnectionHandle.alwaysOpen("c"));
        registry.addSubscriber(plainSubscriber);
        engine.pushCurrent(plainSubscriber);
        await().atMost(10, TimeUnit.SECONDS).until(() -> plainSubscriber.pushedVersion() == 1
                && converted.stream().allMatch(s -> s.pushedVersion() == 7 + 5));

        slow.set(release); // the slot leader of the app datum fails over: its reads hang
        ordersVersion.set(8);
        engine.onChange(ORDERS); // a round for each of the six converted lists
        await().atMost(10, TimeUnit.SECONDS).until(() -> slowEntered.getCount() == 0);
        plainVersion.set(2);
        engine.onChange(PLAIN);
        await().atMost(5, TimeUnit.SECONDS).alias("the plain datum is pushed while the app datum read hangs")
                .until(() -> plainSubscriber.pushedVersion() == 2);

        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).alias("the hung read lands and every list made of it is pushed")
                .until(() -> converted.stream().allMatch(s -> s.pushedVersion() == 8 + 5));
    }
}
