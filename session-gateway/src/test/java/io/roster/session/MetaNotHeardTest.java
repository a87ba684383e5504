package io.roster.session;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.acl.AclAction;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.session.testing.FakeDataNode;
import io.roster.testkit.FreePorts;
import io.roster.testkit.bolt.HeldMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session that has not heard from meta since it started (meta electing, or slower than the clients) knows neither
 * its client ACL nor the operator's levers: with security.client-auth on it took every registration for an unknown
 * app (UNAUTHENTICATED, which the SDK's replay drops for good), and a client-off or blacklisted host's replay would be
 * stored on and written to data. Until meta's first reply is applied, registrations answer UNAVAILABLE (the SDK
 * retries), then are taken. Meta here answers heartbeats with an error until the test lets it answer.
 */
@Timeout(60)
class MetaNotHeardTest {
    private static final int SLOTS = 4;
    private static final String DATA_ID = "com.shop.orders.Api";
    private static final String DATA_INFO_ID = DATA_ID + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String TOKEN = "orders-token-0123456789";

    private final FakeDataNode data = new FakeDataNode();
    private final HeldMeta meta = new HeldMeta(data.address(), SLOTS, ClientAcl.NONE.withToken("orders", Tokens.hash(TOKEN), 1)
            .withRule(new AclRule("orders", AclAction.PUBLISH, "com.shop.*"), true, 2)
            .withRule(new AclRule("orders", AclAction.SUBSCRIBE, "com.shop.*"), true, 3));
    private final RpcCaller client = new RpcCaller();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final int port = FreePorts.free();

    private SessionServer startSession(boolean clientAuth) {
        RosterConfig config = RosterConfig.builder()
                .set(ConfigKeys.ROLES, "session")
                .set(ConfigKeys.SESSION_PORT, String.valueOf(port))
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.CLUSTER_SLOTS, String.valueOf(SLOTS))
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "50")
                .set(ConfigKeys.SECURITY_CLIENT_AUTH, String.valueOf(clientAuth))
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, "600000")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "600000")
                .build();
        SessionServer session = new SessionServer(config, new MetricRegistry());
        closing.add(session);
        session.start();
        return session;
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        meta.close();
        data.close();
    }

    private RegisterReply publish(String address, String registerId) {
        return client.call(address, new PublishRequest("c1", "orders", registerId, DATA_INFO_ID,
                List.of("10.0.0.1:8080".getBytes(StandardCharsets.UTF_8)), 1, ""), RegisterReply.class, 5000);
    }

    @Test
    void registrationsAreAnsweredUnavailableUntilMetaAnswersThenTaken() {
        SessionServer session = startSession(true);
        String address = session.address();
        assertThat(client.call(address, new ClientHello("c1", List.of(), "orders", TOKEN), SimpleReply.class, 5000).ok()).isTrue();

        RegisterReply early = publish(address, "p1");
        assertThat(early.code()).as(early.message()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(early.message()).contains("has not heard from meta");
        RegisterReply earlySub = client.call(address, new SubscribeRequest("c1", "orders", "s1", DATA_INFO_ID, ""),
                RegisterReply.class, 5000);
        assertThat(earlySub.code()).as(earlySub.message()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(session.publisherCount() + session.subscriberCount()).isZero();
        // an unpublish or unsubscribe too waits (retryable), rather than being refused by the ACL not yet known
        RegisterReply earlyUnpublish = client.call(address, new UnpublishRequest("c1", "p1", DATA_INFO_ID),
                RegisterReply.class, 5000);
        assertThat(earlyUnpublish.code()).as(earlyUnpublish.message()).isEqualTo(ErrorCode.UNAVAILABLE);
        RegisterReply earlyUnsubscribe = client.call(address, new UnsubscribeRequest("c1", "s1", DATA_INFO_ID),
                RegisterReply.class, 5000);
        assertThat(earlyUnsubscribe.code()).as(earlyUnsubscribe.message()).isEqualTo(ErrorCode.UNAVAILABLE);

        meta.answer();
        await().until(() -> session.view().acl().version() == 3);
        RegisterReply later = publish(address, "p1");
        assertThat(later.code()).as(later.message()).isEqualTo(ErrorCode.OK);
        assertThat(client.call(address, new SubscribeRequest("c1", "orders", "s1", DATA_INFO_ID, ""),
                RegisterReply.class, 5000).code()).isEqualTo(ErrorCode.OK);
    }

    @Test
    void withoutClientAuthTooRegistrationsWaitForMetaWhoseLeversMayHoldTheirHost() {
        SessionServer session = startSession(false);
        RegisterReply early = publish(session.address(), "p1");
        assertThat(early.code()).as("a client-off host's publish would be written to data: " + early.message())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(early.message()).contains("has not heard from meta");
        assertThat(session.publisherCount()).isZero();
        assertThat(data.received()).as("nothing written to data").noneMatch(r -> r.getClass().getSimpleName().startsWith("Publish"));

        meta.answer();
        await().until(() -> session.view().slotTable().epoch() == 1);
        assertThat(publish(session.address(), "p1").code()).isEqualTo(ErrorCode.OK);
    }
}
