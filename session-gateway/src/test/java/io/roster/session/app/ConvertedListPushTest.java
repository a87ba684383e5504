package io.roster.session.app;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.wire.PushMessage;
import io.roster.session.SessionServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.roster.session.app.AppSessionHarness.catalog;
import static io.roster.session.app.AppSessionHarness.revision;
import static io.roster.session.app.AppSessionHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 6: an older (not interface-only) subscriber of interface X gets X's own publishers plus the application
 * instances whose revision serves X, converted with X's parameters, with deltas that cost the change and a version
 * that rises with every change and is the same on two sessions that read the same versions; an interface-only
 * subscriber of X gets X's publishers only. Real sessions and bolt clients against a fake data node.
 */
@Timeout(60)
class ConvertedListPushTest {
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String ORDERS = AppIds.appDataInfoId("orders", AppSessionHarness.LIMITS);
    private final AppSessionHarness h = new AppSessionHarness();

    @AfterEach
    void close() {
        try {
            h.assertNoProblems();
        } finally {
            h.close();
        }
    }

    private static String instance(Revision r, String address, Map<String, String> params) {
        return new String(new AppInstance(r.digest(), address, params).encode(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> items(String... keyThenItem) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keyThenItem.length; i += 2) {
            out.put(keyThenItem[i], keyThenItem[i + 1]);
        }
        return out;
    }

    @Test
    void anOlderSubscriberGetsTheInstancesConvertedWithTheInterfaceParamsAndAnInterfaceOnlyOneOnlyThePublishers()
            throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        SessionServer session = h.session(metrics, 600_000);
        Revision r = revision("orders", spec(ECHO, Map.of("timeout", "3000")));
        catalog(session, 10, r);
        h.data.write(ECHO, items("iface-1", "10.0.0.9:12200"));
        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:12200", Map.of()),
                "i-2", instance(r, "10.0.0.2:12200", Map.of("weight", "50"))));
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("old", ECHO, false);
        client.subscribe("new", ECHO, true);

        await().untilAsserted(() -> assertThat(client.items("old")).containsExactly("10.0.0.1:12200?timeout=3000",
                "10.0.0.2:12200?timeout=3000&weight=50", "10.0.0.9:12200"));
        assertThat(client.entries("old")).containsKeys("i-1", "i-2", "iface-1");
        assertThat(client.version("old")).as("v(X) + v(orders) + the catalog's version")
                .isEqualTo(h.data.version(ECHO) + h.data.version(ORDERS) + 10);
        await().until(() -> client.version("new") == h.data.version(ECHO));
        assertThat(client.items("new")).containsExactly("10.0.0.9:12200");
        assertThat(client.pushesTo("new")).allSatisfy(m -> assertThat(m.dataInfoId()).isEqualTo(ECHO));
        assertThat(client.pushesTo("old")).allSatisfy(m -> assertThat(m.dataInfoId()).isEqualTo(ECHO));
        assertThat(metrics.counter("session.push.converted").getCount()).isEqualTo(client.pushesTo("old").size());

        // An interface-level publisher changes: the older subscriber gets it as a delta, the interface-only one too.
        h.data.write(ECHO, items("iface-1", "10.0.0.9:12200", "iface-2", "10.0.0.8:12200"));
        await().until(() -> client.items("new").size() == 2 && client.items("old").size() == 4);
        PushMessage last = client.pushesTo("old").get(client.pushesTo("old").size() - 1);
        assertThat(last.isDelta()).isTrue();
        assertThat(last.entries()).extracting(e -> e.key()).containsExactly("iface-2");
    }

    @Test
    void twoInterfacesOfOneAppGetTheirOwnParamsAndAPodServingOnlyOneOfThemNeverReachesTheOther() throws Exception {
        SessionServer session = h.session(new MetricRegistry(), 600_000);
        Revision both = revision("orders", spec(ECHO, Map.of("timeout", "1000")), spec(OTHER, Map.of("codec", "hessian")));
        Revision otherOnly = revision("orders", spec(OTHER, Map.of("codec", "protobuf")));
        catalog(session, 10, both, otherOnly);
        h.data.write(ORDERS, items("pod-a", instance(both, "10.0.0.1:1", Map.of()),
                "pod-b", instance(otherOnly, "10.0.0.2:1", Map.of())));
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("echo", ECHO, false);
        client.subscribe("other", OTHER, false);

        await().untilAsserted(() -> assertThat(client.items("other"))
                .containsExactly("10.0.0.1:1?codec=hessian", "10.0.0.2:1?codec=protobuf"));
        await().untilAsserted(() -> assertThat(client.items("echo")).containsExactly("10.0.0.1:1?timeout=1000"));

        // pod-b moves to a revision serving Echo too: only then does Echo's list show it.
        h.data.write(ORDERS, items("pod-a", instance(both, "10.0.0.1:1", Map.of()),
                "pod-b", instance(both, "10.0.0.2:1", Map.of())));
        await().untilAsserted(() -> assertThat(client.items("echo"))
                .containsExactly("10.0.0.1:1?timeout=1000", "10.0.0.2:1?timeout=1000"));
        await().untilAsserted(() -> assertThat(client.items("other"))
                .containsExactly("10.0.0.1:1?codec=hessian", "10.0.0.2:1?codec=hessian"));
        assertThat(client.pushesTo("echo")).allSatisfy(m -> assertThat(m.entries()).noneMatch(e ->
                new String(e.items().get(0), StandardCharsets.UTF_8).contains("codec")));
    }

    @Test
    void aDualPublishedInstanceAppearsOnceAndReturnsWhenItsInterfaceLevelPublisherLeaves() throws Exception {
        SessionServer session = h.session(new MetricRegistry(), 600_000);
        Revision r = revision("orders", spec(ECHO, Map.of("timeout", "3000")));
        catalog(session, 10, r);
        h.data.write(ECHO, items("iface-1", "dubbo://10.0.0.1:12200/com.example.Echo?v=1"));
        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:12200", Map.of()),
                "i-2", instance(r, "10.0.0.2:12200", Map.of())));
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("old", ECHO, false);
        await().untilAsserted(() -> assertThat(client.entries("old")).isEqualTo(Map.of(
                "iface-1", "dubbo://10.0.0.1:12200/com.example.Echo?v=1", "i-2", "10.0.0.2:12200?timeout=3000")));

        h.data.write(ECHO, items());
        await().untilAsserted(() -> assertThat(client.entries("old")).isEqualTo(Map.of(
                "i-1", "10.0.0.1:12200?timeout=3000", "i-2", "10.0.0.2:12200?timeout=3000")));
        PushMessage last = client.pushesTo("old").get(client.pushesTo("old").size() - 1);
        assertThat(last.isDelta()).isTrue();
        assertThat(last.removedKeys()).containsExactly("iface-1");
        assertThat(last.entries()).extracting(e -> e.key()).containsExactly("i-1");
    }

    @Test
    void anInstanceLeavingIsOneRemovedEntryAndTwoSessionsThatReadTheSameVersionsPushTheSameVersion() throws Exception {
        SessionServer one = h.session(new MetricRegistry(), 600_000);
        SessionServer two = h.session(new MetricRegistry(), 600_000);
        Revision r = revision("orders", spec(ECHO, Map.of()));
        catalog(one, 10, r);
        catalog(two, 10, r);
        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:1", Map.of()), "i-2", instance(r, "10.0.0.2:1", Map.of()),
                "i-3", instance(r, "10.0.0.3:1", Map.of())));
        AppSessionHarness.Client a = h.client(one, "ca");
        AppSessionHarness.Client b = h.client(two, "cb");
        a.subscribe("old-a", ECHO, false);
        b.subscribe("old-b", ECHO, false);
        await().until(() -> a.items("old-a").size() == 3 && b.items("old-b").size() == 3);
        long first = a.version("old-a");
        assertThat(b.version("old-b")).isEqualTo(first);

        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:1", Map.of()), "i-3", instance(r, "10.0.0.3:1", Map.of())));
        await().until(() -> a.items("old-a").size() == 2 && b.items("old-b").size() == 2);
        for (AppSessionHarness.Client c : List.of(a, b)) {
            String id = c == a ? "old-a" : "old-b";
            PushMessage last = c.pushesTo(id).get(c.pushesTo(id).size() - 1);
            assertThat(last.isDelta()).isTrue();
            assertThat(last.entries()).isEmpty();
            assertThat(last.removedKeys()).containsExactly("i-2");
        }
        assertThat(a.version("old-a")).isGreaterThan(first).isEqualTo(b.version("old-b"));

        // X itself appears at data: the version still rises, and alike on both.
        long before = a.version("old-a");
        h.data.write(ECHO, items("iface-1", "10.0.0.9:1"));
        await().until(() -> a.items("old-a").size() == 3 && b.items("old-b").size() == 3);
        assertThat(a.version("old-a")).isGreaterThan(before).isEqualTo(b.version("old-b"));
    }

    @Test
    void aRevisionRegisteredLaterMakesItsWaitingInstanceAppearWithAHigherVersion() throws Exception {
        SessionServer session = h.session(new MetricRegistry(), 600_000);
        Revision v1 = revision("orders", spec(ECHO, Map.of()));
        Revision v2 = revision("orders", spec(ECHO, Map.of("timeout", "500")), spec(OTHER, Map.of()));
        catalog(session, 10, v1);
        h.data.write(ORDERS, items("i-1", instance(v1, "10.0.0.1:1", Map.of()), "i-2", instance(v2, "10.0.0.2:1", Map.of())));
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("old", ECHO, false);
        await().untilAsserted(() -> assertThat(client.items("old")).containsExactly("10.0.0.1:1"));
        long before = client.version("old");
        int readsBefore = h.data.reads.size();

        catalog(session, 11, v1, v2); // the catalog learns v2: i-2 is converted, without reading anything
        await().untilAsserted(() -> assertThat(client.items("old")).containsExactly("10.0.0.1:1", "10.0.0.2:1?timeout=500"));
        assertThat(client.version("old")).isEqualTo(before + 1);
        PushMessage last = client.pushesTo("old").get(client.pushesTo("old").size() - 1);
        assertThat(last.entries()).extracting(e -> e.key()).containsExactly("i-2");
        assertThat(h.data.reads.size()).as("a catalog change converts what the session holds").isEqualTo(readsBefore);
    }

    @Test
    void aListBuiltBeforeAnUnrelatedCatalogChangeTakesTheSameVersionAsOneBuiltAfterIt() throws Exception {
        SessionServer one = h.session(new MetricRegistry(), 600_000);
        SessionServer two = h.session(new MetricRegistry(), 600_000);
        Revision r = revision("orders", spec(ECHO, Map.of()));
        catalog(one, 10, r);
        catalog(two, 10, r);
        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:1", Map.of())));
        AppSessionHarness.Client a = h.client(one, "ca");
        a.subscribe("old-a", ECHO, false);
        await().until(() -> a.items("old-a").size() == 1);

        Revision unrelated = revision("billing", spec(OTHER, Map.of()));
        catalog(one, 12, r, unrelated);
        catalog(two, 12, r, unrelated);
        AppSessionHarness.Client b = h.client(two, "cb");
        b.subscribe("old-b", ECHO, false); // its list is first built after the change
        await().until(() -> b.items("old-b").size() == 1);

        h.data.write(ORDERS, items("i-1", instance(r, "10.0.0.1:1", Map.of()), "i-2", instance(r, "10.0.0.2:1", Map.of())));
        await().until(() -> a.items("old-a").size() == 2 && b.items("old-b").size() == 2);
        assertThat(a.version("old-a")).as("an SDK moving between them is never pushed a lower version for newer data")
                .isEqualTo(b.version("old-b"));
    }
}
