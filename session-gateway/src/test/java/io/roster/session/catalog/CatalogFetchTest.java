package io.roster.session.catalog;

import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionCatalogRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.roster.session.catalog.SessionWithFakeMeta.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The session's copy of meta's revision catalog, moved by heartbeat replies, over real bolt against a fake meta. */
class CatalogFetchTest {
    private final SessionWithFakeMeta cluster = new SessionWithFakeMeta();

    @AfterEach
    void close() {
        cluster.close();
    }

    private RevisionCatalog current() {
        return cluster.session.catalog().current();
    }

    @Test
    void aHeartbeatShowingANewerVersionFetchesTheCatalogAndListenersHearEachChange() {
        List<long[]> heard = new CopyOnWriteArrayList<>();
        cluster.session.catalog().addListener((before, after) -> heard.add(new long[]{before.version(), after.version()}));
        Revision cart = revision("shop", "com.example.Cart");

        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart), List.of()));

        await().until(() -> current().version() == 5);
        assertThat(current().revision(cart.digest())).isEqualTo(cart);
        assertThat(current().providers("com.example.Cart#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP")).containsExactly("shop");
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).containsExactly(0, 5);
        assertThat(cluster.meta.received(RevisionCatalogRequest.class).get(0).sinceVersion()).isZero();
        assertThat(cluster.metrics.counter("session.revisions.fetches").getCount()).isPositive();
        assertThat(cluster.metrics.getGauges().get("session.revisions").getValue()).isEqualTo(1);
    }

    @Test
    void aCollectedRevisionIsDroppedAndTheNextFetchAsksFromTheVersionHeld() {
        Revision cart = revision("shop", "com.example.Cart");
        Revision pay = revision("shop", "com.example.Pay");
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart), List.of()));
        await().until(() -> current().version() == 5);

        cluster.meta.catalog(RevisionCatalog.of(9, List.of(pay), List.of()));

        await().until(() -> current().version() == 9);
        assertThat(current().revision(cart.digest())).as("collected at meta").isNull();
        assertThat(current().revision(pay.digest())).isEqualTo(pay);
        assertThat(current().everProviders("com.example.Cart#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"))
                .as("pairs are never removed").containsExactly("shop");
        List<RevisionCatalogRequest> asked = cluster.meta.received(RevisionCatalogRequest.class);
        assertThat(asked.get(asked.size() - 1).sinceVersion()).isEqualTo(5);
    }

    @Test
    void noFetchWhileTheCatalogIsCurrent() {
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(revision("shop", "com.example.Cart")), List.of()));
        await().until(() -> current().version() == 5);
        int fetches = cluster.meta.received(RevisionCatalogRequest.class).size();
        int beats = cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size();

        await().until(() -> cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size() >= beats + 5);

        assertThat(cluster.meta.received(RevisionCatalogRequest.class)).hasSize(fetches);
    }

    /**
     * A fetch answered from meta's catalog before a registration through this session was applied there, but
     * applied here after that registration, must not drop the registered revision: a publish of it right after its
     * registration succeeded would be refused as unregistered until the next fetch.
     */
    @Test
    void aRevisionRegisteredWhileAFetchIsUnderWayIsKeptThroughItsReply() throws Exception {
        Revision cart = revision("shop", "com.example.Cart");
        Revision pay = revision("shop", "com.example.Pay");
        cluster.meta.holdCatalogReplies();
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart), List.of()));
        cluster.meta.awaitCatalogAsked(); // its reply lists only cart

        assertThat(cluster.register(pay).code()).isEqualTo(ErrorCode.OK);
        assertThat(current().revision(pay.digest())).isEqualTo(pay);
        cluster.meta.releaseCatalogReplies();

        await().until(() -> current().version() == 5);
        assertThat(current().revision(cart.digest())).isEqualTo(cart);
        assertThat(current().revision(pay.digest())).as("registered here after the fetch was answered").isEqualTo(pay);
    }
}
