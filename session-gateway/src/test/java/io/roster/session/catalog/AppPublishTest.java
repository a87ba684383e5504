package io.roster.session.catalog;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.roster.session.catalog.SessionWithFakeMeta.LIMITS;
import static io.roster.session.catalog.SessionWithFakeMeta.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publishes to Roster's reserved groups, and the revisions in use each heartbeat reports, over real bolt. */
class AppPublishTest {
    private static final String SHOP = AppIds.appDataInfoId("shop", LIMITS);
    private static final String CART_PROVIDERS =
            AppIds.providersDataInfoId("com.example.Cart#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", LIMITS);

    private final SessionWithFakeMeta cluster = new SessionWithFakeMeta();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static PublishRequest publish(String registerId, String dataInfoId, byte[]... items) {
        return new PublishRequest("client-1", "shop", registerId, dataInfoId, List.of(items), 1, "");
    }

    private static byte[] instance(Revision revision, String address) {
        return new AppInstance(revision.digest(), address, Map.of("weight", "100")).encode();
    }

    private RegisterReply send(RpcCaller client, Object request) {
        return client.call(cluster.session.address(), request, RegisterReply.class, 5000);
    }

    private RegisterReply send(Object request) {
        return send(cluster.client, request);
    }

    @Test
    void anAppPublishNeedsOneInstanceOfARegisteredRevisionOfThatApp() {
        Revision shop = revision("shop", "com.example.Cart");
        Revision other = revision("other", "com.example.Cart");
        Revision unregistered = revision("shop", "com.example.Pay");
        assertThat(cluster.register(shop).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.register(other).code()).isEqualTo(ErrorCode.OK);

        RegisterReply unknown = send(publish("p1", SHOP, instance(unregistered, "10.0.0.1:8080")));
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(unknown.message()).contains("revision " + unregistered.digest() + " is not registered: register it first");

        RegisterReply wrongApp = send(publish("p1", SHOP, instance(other, "10.0.0.1:8080")));
        assertThat(wrongApp.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(wrongApp.message()).contains(other.digest(), "belongs to application other", "not to shop");

        RegisterReply malformed = send(publish("p1", SHOP, "10.0.0.1:8080".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(malformed.message()).contains("application instance item");

        RegisterReply two = send(publish("p1", SHOP, instance(shop, "10.0.0.1:8080"), instance(shop, "10.0.0.2:8080")));
        assertThat(two.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(two.message()).contains("exactly one application instance item, got 2");

        assertThat(cluster.session.publisherCount()).as("nothing refused was stored").isZero();
        assertThat(send(publish("p1", SHOP, instance(shop, "10.0.0.1:8080"))).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.session.publisherCount()).isEqualTo(1);
    }

    @Test
    void aProvidersDatumIsNeverPublishedButMayBeSubscribed() {
        RegisterReply refused = send(publish("p1", CART_PROVIDERS, "shop".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.message()).contains(CART_PROVIDERS, "computed by the session", "never published");

        RegisterReply otherReserved = send(publish("p2", "x#@#DEFAULT_INSTANCE_ID#@#ROSTER_OTHER", new byte[]{1}));
        assertThat(otherReserved.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(otherReserved.message()).contains("reserved");

        assertThat(send(new SubscribeRequest("client-1", "shop", "s1", CART_PROVIDERS, "")).code()).isEqualTo(ErrorCode.OK);
        assertThat(send(new SubscribeRequest("client-1", "shop", "s2", SHOP, "")).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.session.publisherCount()).isZero();
    }

    private List<String> lastReportedInUse() {
        List<HeartbeatRequest> beats = cluster.meta.received(HeartbeatRequest.class);
        return beats.get(beats.size() - 1).revisionsInUse();
    }

    /** Waits for two heartbeats sent from now, and gives the last one's revisions in use. */
    private List<String> nextReportedInUse() {
        int seen = cluster.meta.received(HeartbeatRequest.class).size();
        await().until(() -> cluster.meta.received(HeartbeatRequest.class).size() >= seen + 2);
        return lastReportedInUse();
    }

    @Test
    void heartbeatsReportTheRevisionsOfTheAppInstancesHeldHere() {
        Revision v1 = revision("shop", "com.example.Cart");
        Revision v2 = revision("shop", "com.example.Cart", "com.example.Pay");
        assertThat(cluster.register(v1).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.register(v2).code()).isEqualTo(ErrorCode.OK);
        assertThat(nextReportedInUse()).isEmpty();

        assertThat(send(publish("p1", SHOP, instance(v1, "10.0.0.1:8080"))).code()).isEqualTo(ErrorCode.OK);
        assertThat(send(publish("p2", SHOP, instance(v1, "10.0.0.2:8080"))).code()).isEqualTo(ErrorCode.OK);
        assertThat(nextReportedInUse()).containsExactly(v1.digest());

        // A republish moving p2 to v2 (a rollout): v1 is still served by p1.
        assertThat(send(new PublishRequest("client-1", "shop", "p2", SHOP, List.of(instance(v2, "10.0.0.2:8080")), 2, ""))
                .code()).isEqualTo(ErrorCode.OK);
        assertThat(nextReportedInUse()).containsExactlyInAnyOrder(v1.digest(), v2.digest());

        assertThat(send(new UnpublishRequest("client-1", "p1", SHOP)).code()).isEqualTo(ErrorCode.OK);
        assertThat(nextReportedInUse()).containsExactly(v2.digest());

        assertThat(send(new UnpublishRequest("client-1", "p2", SHOP)).code()).isEqualTo(ErrorCode.OK);
        assertThat(nextReportedInUse()).isEmpty();
    }

    @Test
    void theRevisionsOfAClosedConnectionsInstancesAreNoLongerReported() {
        Revision v1 = revision("shop", "com.example.Cart");
        assertThat(cluster.register(v1).code()).isEqualTo(ErrorCode.OK);
        RpcCaller other = new RpcCaller();
        try {
            assertThat(send(other, new PublishRequest("client-2", "shop", "p9", SHOP,
                    List.of(instance(v1, "10.0.0.9:8080")), 1, "")).code()).isEqualTo(ErrorCode.OK);
            assertThat(nextReportedInUse()).containsExactly(v1.digest());
        } finally {
            other.close();
        }

        await().until(() -> cluster.session.publisherCount() == 0);
        assertThat(nextReportedInUse()).isEmpty();
    }
}
