package io.roster.tools.security;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.roster.client.RosterClient;
import io.roster.common.acl.AclAction;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.PortInUseException;
import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.session.SessionServer;
import io.roster.testkit.FreePorts;
import io.roster.testkit.bolt.FakeBoltPeer;
import io.roster.testkit.bolt.HeldMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * With security.client-auth on, a session restarts while meta is electing: the SDK reconnects and replays before the
 * session has heard meta's ACL. The session answered every item UNAUTHENTICATED ("unknown app"), and the replay
 * dropped them for good; now it answers UNAVAILABLE until meta answers, the replay retries, and the registrations
 * are back once meta is heard. The meta and data sides are stand-ins on real bolt ports.
 */
@Timeout(90)
class ReplayBeforeMetaTest {
    private static final int SLOTS = 4;
    private static final String DATA_ID = "com.shop.orders.Api";
    private static final String TOKEN = "orders-token-0123456789";

    /** Takes every write, so publishes through the session complete. */
    static final class TakingData extends FakeBoltPeer {
        TakingData() {
            super("taking-data", 2);
            WriteReply ok = new WriteReply(ErrorCode.OK, "", 1);
            answer(PublishWrite.class, ok);
            answer(UnpublishWrite.class, ok);
            answer(ClientOffWrite.class, ok);
            handle(PublishBatch.class, batch -> new PublishBatchReply(ErrorCode.OK, "", batch.writes().stream().map(w -> ok).toList()),
                    (code, message) -> new PublishBatchReply(code, message, List.of()));
            answer(SessionHello.class, new SimpleReply(ErrorCode.OK, ""));
            answer(SessionDigest.class, new SessionDigestReply(ErrorCode.OK, "", List.of()));
            listen();
        }
    }

    private final TakingData data = new TakingData();
    private final HeldMeta meta = new HeldMeta(data.address(), SLOTS, ClientAcl.NONE.withToken("orders", Tokens.hash(TOKEN), 1)
            .withRule(new AclRule("orders", AclAction.PUBLISH, "com.shop.*"), true, 2)
            .withRule(new AclRule("orders", AclAction.SUBSCRIBE, "com.shop.*"), true, 3));
    private final int port = FreePorts.free();
    private MetricRegistry metrics;
    private SessionServer session;
    private RosterClient sdk;

    private SessionServer startSession() {
        session = new SessionServer(RosterConfig.builder()
                .set(ConfigKeys.ROLES, "session")
                .set(ConfigKeys.SESSION_PORT, String.valueOf(port))
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.CLUSTER_SLOTS, String.valueOf(SLOTS))
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "50")
                .set(ConfigKeys.SECURITY_CLIENT_AUTH, "true")
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, "600000")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "600000")
                .build(), metrics = new MetricRegistry());
        session.start();
        return session;
    }

    @AfterEach
    void stop() {
        if (sdk != null) {
            sdk.close();
        }
        if (session != null) {
            session.close();
        }
        meta.close();
        data.close();
    }

    /** Registrations the session answered UNAVAILABLE because meta was not heard yet (0 if it does not count them). */
    private long refusedBeforeMeta() {
        Gauge<?> g = metrics.getGauges().get("session.requests.before-meta");
        return g == null ? 0 : ((Number) g.getValue()).longValue();
    }

    @Test
    void anSdkClientReconnectingToARestartedSessionKeepsItsRegistrations() {
        meta.answer();
        SessionServer first = startSession();
        await().until(() -> first.view().acl().version() == 3);
        sdk = RosterClient.builder().sessions("127.0.0.1:" + port).credentials("orders", TOKEN)
                .connectTimeout(Duration.ofSeconds(5)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        sdk.publish(DATA_ID, "10.0.0.1:8080");
        sdk.subscribe(DATA_ID, (dataInfoId, items, version) -> { });
        await().until(() -> first.publisherCount() == 1 && first.subscriberCount() == 1);

        // The session restarts while meta elects: the client reconnects and replays before meta answers.
        meta.hold();
        first.close();
        await("the session port is free again").ignoreException(PortInUseException.class).until(() -> {
            BoltServers.checkBindable("127.0.0.1", port, "session.port");
            return true;
        });
        SessionServer second = startSession();
        await("the replay was answered while meta was held").atMost(Duration.ofSeconds(20))
                .until(() -> sdk.isConnected() || refusedBeforeMeta() >= 2); // dropped, or both waiting for meta
        meta.answer();
        await("the replayed registrations are kept").atMost(Duration.ofSeconds(10))
                .until(() -> second.publisherCount() == 1 && second.subscriberCount() == 1);
        await().until(sdk::isConnected);
    }
}
