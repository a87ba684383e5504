package io.roster.session.app;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.session.SessionServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.roster.session.app.AppSessionHarness.catalog;
import static io.roster.session.app.AppSessionHarness.revision;
import static io.roster.session.app.AppSessionHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The version check covers the datums converted lists are made of: a lost change notice of an application's datum
 * is repaired like any other; an empty datum whose version rose (an absent datum's floor) is no repair; and the
 * session stops asking about an application's datum once no converted subscriber needs it.
 */
@Timeout(60)
class ConvertedRepairTest {
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String ORDERS = AppIds.appDataInfoId("orders", AppSessionHarness.LIMITS);
    private static final String BILLING = AppIds.appDataInfoId("billing", AppSessionHarness.LIMITS);
    private final AppSessionHarness h = new AppSessionHarness();

    @AfterEach
    void close() {
        try {
            h.assertNoProblems();
        } finally {
            h.close();
        }
    }

    private static String instance(Revision r, String address) {
        return new String(new AppInstance(r.digest(), address, Map.of()).encode(), StandardCharsets.UTF_8);
    }

    /** Waits until the session sent {@code n} more version queries than now. */
    private void awaitVersionChecks(int n) {
        int from = h.data.received(DatumVersionsQuery.class).size();
        await().until(() -> h.data.received(DatumVersionsQuery.class).size() >= from + n);
    }

    private boolean asked(String dataInfoId) {
        var queries = h.data.received(DatumVersionsQuery.class);
        return queries.get(queries.size() - 1).dataInfoIds().contains(dataInfoId);
    }

    @Test
    void aLostNoticeOfAnAppDatumIsRepairedAndAnEmptyDatumsRisingVersionIsNot() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        SessionServer session = h.session(metrics, 200);
        Revision orders = revision("orders", spec(ECHO, Map.of()));
        Revision billing = revision("billing", spec(ECHO, Map.of()));
        catalog(session, 10, orders, billing);
        h.data.write(ORDERS, Map.of("i-1", instance(orders, "10.0.0.1:1")));
        h.data.write(BILLING, Map.of());
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("old", ECHO, false);
        await().until(() -> client.items("old").size() == 1);
        awaitVersionChecks(2);
        assertThat(metrics.counter("session.push.repairs").getCount()).isZero();

        // billing's datum stays empty while its version rises (as an absent datum's floor does): nothing to push.
        long pushes = client.pushesTo("old").size();
        h.data.write(BILLING, Map.of(), false);
        awaitVersionChecks(3);
        assertThat(metrics.counter("session.push.repairs").getCount()).isZero();
        assertThat(client.pushesTo("old")).hasSize((int) pushes);

        // A change of orders whose notice is lost: the version check finds it and the list gets it.
        h.data.write(ORDERS, Map.of("i-1", instance(orders, "10.0.0.1:1"), "i-2", instance(orders, "10.0.0.2:1")), false);
        await().until(() -> client.items("old").size() == 2);
        assertThat(metrics.counter("session.push.repairs").getCount()).isEqualTo(1);

        // No converted subscriber left: the application datums are no longer asked about (nor read).
        assertThat(asked(ORDERS)).isTrue();
        client.subscribe("plain", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", false); // keeps the checks going
        client.unsubscribe("old", ECHO);
        awaitVersionChecks(3);
        assertThat(asked(ORDERS)).isFalse();
        assertThat(asked(BILLING)).isFalse();
    }

    @Test
    void aPlainSubscriberOfAnEmptyDatumWhoseVersionRisesGetsNoRepair() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        SessionServer session = h.session(metrics, 200);
        String empty = "gone#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        long v = h.data.write(empty, Map.of());
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("s", empty, false);
        await().until(() -> client.version("s") == v);

        h.data.write(empty, Map.of(), false); // data's floor for a datum it does not hold rose (a new leader)
        awaitVersionChecks(3);
        assertThat(metrics.counter("session.push.repairs").getCount()).isZero();
        assertThat(client.pushesTo("s")).hasSize(1);

        h.data.write(empty, Map.of("p-1", "10.0.0.1:1"), false); // a real change whose notice was lost
        await().until(() -> client.items("s").size() == 1);
        assertThat(metrics.counter("session.push.repairs").getCount()).isEqualTo(1);
    }

    @Test
    void aListWhoseVersionOnlyMovedWithTheCatalogIsNoRepair() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        SessionServer session = h.session(metrics, 200);
        Revision orders = revision("orders", spec(ECHO, Map.of()));
        catalog(session, 10, orders);
        h.data.write(ORDERS, Map.of("i-1", instance(orders, "10.0.0.1:1")));
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("first", ECHO, false);
        await().until(() -> client.items("first").size() == 1);
        long held = client.version("first");

        catalog(session, 20, orders, revision("billing", spec("com.example.Other", Map.of()))); // not Echo's
        client.subscribe("second", ECHO, false); // built again: same list, the newer catalog's version
        await().until(() -> client.items("second").size() == 1);
        assertThat(client.version("second")).isEqualTo(held + 10);
        awaitVersionChecks(3);
        assertThat(metrics.counter("session.push.repairs").getCount()).isZero();
        assertThat(client.version("first")).as("same list: nothing to push").isEqualTo(held);
    }
}
