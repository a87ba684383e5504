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
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The interleavings a reviewer found in converted lists and providers datums, each driven step by step. */
@Timeout(30)
class ConversionsRaceTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String PING = "com.example.Ping#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String ORDERS = AppIds.appDataInfoId("orders", LIMITS);
    private static final String BILLING = AppIds.appDataInfoId("billing", LIMITS);
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private final Revision orders = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
    private final Revision billing = Revision.of("billing", List.of(InterfaceSpec.of(PING, Map.of(), LIMITS)), LIMITS);
    private final AtomicReference<RevisionCatalog> catalog = new AtomicReference<>(RevisionCatalog.of(5,
            List.of(orders, billing), List.of(new InterfaceProviders(ECHO, List.of("orders")),
                    new InterfaceProviders(PING, List.of("billing")))));
    private final Map<String, Datum> data = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> slow = new ConcurrentHashMap<>();
    private final CountDownLatch slowEntered = new CountDownLatch(1);

    private Conversions conversions() {
        return new Conversions(catalog::get, this::source);
    }

    DatumReply source(String id, long since) {
        CountDownLatch gate = slow.get(id);
        if (gate != null) {
            slowEntered.countDown();
            try {
                gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new DatumReply(ErrorCode.OK, "", data.getOrDefault(id, Datum.absent(id)));
    }

    private static Publisher instance(String datum, String app, Revision revision, String id, String address, long v) {
        return new Publisher(id, datum, "c", app, "", List.of(new AppInstance(revision.digest(), address, Map.of())
                .encode()), v, v, SESSION);
    }

    private static Publisher own(String id, String item, long v) {
        return new Publisher(id, ECHO, "c", "old", "", List.of(item.getBytes(StandardCharsets.UTF_8)), v, v, SESSION);
    }

    /**
     * Issue 1: S1 read an empty app datum at floor F1; a data failover raised its floor to F2 (still empty). The
     * version check sees F2 and counts no gap (nothing to push), but the next list built here must carry F2, or an old
     * SDK that got v(X)+F2+c from another session and moved here is sent lower versions its gate drops for ever.
     */
    @Test
    void anEmptyAppDatumWhoseFloorRoseCarriesTheRaisedVersionIntoTheNextBuild() {
        long f1 = 5L << 32;
        long f2 = 6L << 32;
        data.put(ORDERS, new Datum(ORDERS, f1, List.of()));
        data.put(ECHO, new Datum(ECHO, 3, List.of(own("o-1", "10.0.0.9:1", 3))));
        Conversions c = conversions();
        assertThat(c.read(ECHO).built().datum().version()).isEqualTo(3 + f1 + 5);

        data.put(ORDERS, new Datum(ORDERS, f2, List.of())); // failover: only the floor moved
        assertThat(c.behind(ORDERS, f2, 0)).as("no gap: nothing to push").isFalse();
        data.put(ECHO, new Datum(ECHO, 4, List.of(own("o-1", "10.0.0.9:1", 3), own("o-2", "10.0.0.8:1", 4))));
        c.changed(ECHO);
        assertThat(c.read(ECHO).built().datum().version()).as("the next change carries the raised floor")
                .isEqualTo(4 + f2 + 5);
    }

    /**
     * Issue 2: a revision registered through this session joins the catalog at the same catalog version. The list
     * built at that version must stay the one built before (one version, one list); the change goes with the owed
     * round at the next catalog version, as a delta from the list a subscriber holds.
     */
    @Test
    void aRevisionJoiningAtTheSameCatalogVersionIsNotBuiltAtThatVersion() {
        Revision v2 = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of("v", "2"), LIMITS)), LIMITS);
        data.put(ORDERS, new Datum(ORDERS, 7, List.of(instance(ORDERS, "orders", orders, "i-1", "10.0.0.1:1", 1),
                instance(ORDERS, "orders", v2, "i-2", "10.0.0.2:1", 2))));
        Conversions c = conversions();
        Datum first = c.read(ECHO).built().datum();
        assertThat(first.publishers()).extracting(Publisher::registerId).containsExactly("i-1");

        catalog.set(catalog.get().with(catalog.get().version(), v2)); // registered here: same catalog version
        c.catalogChanged();
        Datum same = c.read(ECHO).built().datum();
        assertThat(same.version()).isEqualTo(first.version());
        assertThat(same.publishers()).as("an equal version keeps its list").isEqualTo(first.publishers());
        assertThat(c.owesRise()).isTrue();

        catalog.set(catalog.get().advance(6, List.of(), null, List.of()));
        assertThat(c.catalogChanged()).containsExactly(ECHO);
        ConvertedView.Built raised = c.read(ECHO).built();
        assertThat(raised.datum().version()).isEqualTo(first.version() + 1);
        assertThat(raised.delta().baseVersion()).isEqualTo(first.version());
        assertThat(raised.delta().changed()).extracting(Publisher::registerId).containsExactly("i-2");
    }

    /** Issue 2 for providers datums: a catalog change at an equal version keeps the providers list of that version. */
    @Test
    void aProvidersDatumKeepsItsListAtAnEqualCatalogVersion() {
        TargetReader reader = new TargetReader(id -> Datum.absent(id), conversions());
        String target = PushTargets.providersOf(ECHO);
        Datum first = reader.read(target);
        assertThat(first.publishers()).extracting(Publisher::registerId).containsExactly("orders");
        Revision shop = Revision.of("shop", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
        catalog.set(catalog.get().with(5, shop));
        assertThat(reader.read(target).publishers()).extracting(Publisher::registerId).containsExactly("orders");
        catalog.set(catalog.get().advance(6, List.of(), null, List.of()));
        Datum next = reader.read(target);
        assertThat(next.version()).isEqualTo(6);
        assertThat(next.publishers()).extracting(Publisher::registerId).containsExactly("orders", "shop");
    }

    /**
     * Issue 3: a read of an app datum that hangs (a data failover) must hold neither catalog changes nor the lists of
     * other interfaces, nor another round of the same list (it builds with what is held; the slow read names it).
     */
    @Test
    void aSlowReadOfOneAppDatumHoldsNoOtherConversion() throws Exception {
        data.put(ORDERS, new Datum(ORDERS, 7, List.of(instance(ORDERS, "orders", orders, "i-1", "10.0.0.1:1", 1))));
        data.put(BILLING, new Datum(BILLING, 3, List.of(instance(BILLING, "billing", billing, "b-1", "10.0.0.3:1", 1))));
        Conversions c = conversions();
        c.read(ECHO);
        c.read(PING);
        CountDownLatch release = new CountDownLatch(1);
        slow.put(ORDERS, release);
        c.changed(ORDERS);
        c.changed(BILLING);
        CompletableFuture<Conversions.Result> stuck = CompletableFuture.supplyAsync(() -> c.read(ECHO));
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            CompletableFuture<Object> others = CompletableFuture.supplyAsync(() -> {
                catalog.set(catalog.get().advance(6, List.of(), null, List.of()));
                c.catalogChanged();
                assertThat(c.read(PING).built().datum().version()).isEqualTo(3 + 6);
                return c.read(ECHO).built().datum().version();
            });
            assertThat(others.get(5, TimeUnit.SECONDS)).as("a second round of ECHO builds with what is held")
                    .isEqualTo(7L + 6);
        } finally {
            release.countDown();
        }
        assertThat(stuck.get(10, TimeUnit.SECONDS).built().datum().version()).isEqualTo(7L + 6);
    }

    /** Issue 5: a dual-published address is recognised as the SDK does ({@code ServiceAddress.of} on both sides). */
    @Test
    void aDualPublishedAddressWithASchemeIsShownOnce() {
        data.put(ORDERS, new Datum(ORDERS, 7, List.of(instance(ORDERS, "orders", orders, "i-1", "dubbo://10.0.0.1:1", 1),
                instance(ORDERS, "orders", orders, "i-2", "10.0.0.2:1/ctx", 2))));
        data.put(ECHO, new Datum(ECHO, 3, List.of(own("o-1", "10.0.0.1:1", 1), own("o-2", "dubbo://10.0.0.2:1/x", 2))));
        Conversions c = conversions();
        assertThat(c.read(ECHO).built().datum().publishers()).extracting(Publisher::registerId)
                .containsExactly("o-1", "o-2");
    }

    /** Issue 6: the sum of versions saturates instead of wrapping below zero. */
    @Test
    void theVersionSumSaturatesAtTheLargestLong() {
        data.put(ORDERS, new Datum(ORDERS, Long.MAX_VALUE - 2, List.of()));
        data.put(ECHO, new Datum(ECHO, 3, List.of(own("o-1", "10.0.0.9:1", 3))));
        assertThat(conversions().read(ECHO).built().datum().version()).isEqualTo(Long.MAX_VALUE);
    }

    /** Issue 4: a list built while meta's catalog is known to be newer than the session's is owed the catch-up. */
    @Test
    void aListBuiltWhileTheCatalogLagsIsPushedAgainWhenItCatchesUp() {
        AtomicLong heard = new AtomicLong(9);
        data.put(ORDERS, new Datum(ORDERS, 7, List.of(instance(ORDERS, "orders", orders, "i-1", "10.0.0.1:1", 1))));
        Conversions c = new Conversions(catalog::get, heard::get, this::source);
        long lagging = c.read(ECHO).built().datum().version();
        assertThat(c.owesRise()).isTrue();
        catalog.set(catalog.get().advance(9, List.of(), null, List.of())); // the catch-up affects nothing of ECHO
        assertThat(c.catalogChanged()).containsExactly(ECHO);
        assertThat(c.read(ECHO).built().datum().version()).isEqualTo(lagging + 4);
        assertThat(c.owesRise()).isFalse();
    }
}
