package io.roster.session.app;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.AppIds;
import io.roster.common.app.Revision;
import io.roster.session.SessionServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static io.roster.session.app.AppSessionHarness.catalog;
import static io.roster.session.app.AppSessionHarness.revision;
import static io.roster.session.app.AppSessionHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 5a: the providers datum of an interface is computed by the session from its catalog (nothing read from data),
 * one entry per application with a live revision serving it, at the catalog's version, and pushed again when a
 * catalog change changes that set.
 */
@Timeout(60)
class ProvidersDatumPushTest {
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private final AppSessionHarness h = new AppSessionHarness();

    @AfterEach
    void close() {
        try {
            h.assertNoProblems();
        } finally {
            h.close();
        }
    }

    @Test
    void aProvidersDatumListsTheAppsServingTheInterfaceAndIsPushedAgainWhenTheyChange() throws Exception {
        SessionServer session = h.session(new MetricRegistry(), 600_000);
        Revision orders = revision("orders", spec(ECHO, Map.of()));
        Revision billing = revision("billing", spec(ECHO, Map.of("timeout", "3000")), spec(OTHER, Map.of()));
        catalog(session, 10, orders);
        String providers = AppIds.providersDataInfoId(ECHO, AppSessionHarness.LIMITS);
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("p1", providers, false);
        await().until(() -> client.version("p1") == 10);
        assertThat(client.entries("p1")).isEqualTo(Map.of("orders", "orders"));

        catalog(session, 12, orders, billing);
        await().until(() -> client.version("p1") == 12);
        assertThat(client.entries("p1")).isEqualTo(Map.of("orders", "orders", "billing", "billing"));
        assertThat(client.pushesTo("p1").get(1).isDelta()).as("the change only").isTrue();
        assertThat(client.pushesTo("p1").get(1).entries()).extracting(e -> e.key()).containsExactly("billing");

        catalog(session, 15, billing); // orders' revision collected
        await().until(() -> client.version("p1") == 15);
        assertThat(client.entries("p1")).isEqualTo(Map.of("billing", "billing"));
        assertThat(client.pushesTo("p1").get(2).removedKeys()).containsExactly("orders");

        catalog(session, 16, billing, revision("audit", spec(OTHER, Map.of()))); // does not change Echo's providers
        catalog(session, 17, billing, revision("audit", spec(OTHER, Map.of())), revision("shop", spec(ECHO, Map.of())));
        await().until(() -> client.version("p1") == 17);
        assertThat(client.pushesTo("p1")).extracting(m -> m.version()).containsExactly(10L, 12L, 15L, 17L);
        assertThat(h.data.reads).as("nothing read from data for it")
                .noneMatch(r -> r.dataInfoId().equals(providers));
        assertThat(List.copyOf(client.items("p1"))).containsExactly("billing", "shop");
    }

    @Test
    void anAppAddedAtTheSameCatalogVersionIsPushedWithTheNextVersionEvenIfThatChangeAffectsNothing() throws Exception {
        SessionServer session = h.session(new MetricRegistry(), 600_000);
        catalog(session, 10, revision("orders", spec(ECHO, Map.of())));
        String providers = AppIds.providersDataInfoId(ECHO, AppSessionHarness.LIMITS);
        AppSessionHarness.Client client = h.client(session, "c1");
        client.subscribe("p1", providers, false);
        await().until(() -> client.version("p1") == 10);

        // Registered through this session: in its catalog at once, at the same version (flow 1).
        session.catalog().update(c -> c.with(c.version(), revision("billing", spec(ECHO, Map.of()))));
        // The next heartbeat moves only the version: no interface is affected by that step.
        session.catalog().update(c -> c.advance(11, List.of(), null, List.of()));
        await().until(() -> client.version("p1") == 11);
        assertThat(client.entries("p1")).isEqualTo(Map.of("orders", "orders", "billing", "billing"));
    }
}
