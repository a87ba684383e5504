package io.roster.tools.security;

import com.alipay.remoting.rpc.RpcClient;
import io.roster.client.ApplicationMetadata;
import io.roster.client.InterfaceInstance;
import io.roster.client.Publication;
import io.roster.client.RosterClient;
import io.roster.client.RosterRequestException;
import io.roster.common.acl.Tokens;
import io.roster.common.config.ConfigKeys;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.WireTypes;
import io.roster.common.wire.AclReply;
import io.roster.common.wire.AclRequest;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.session.SessionServer;
import io.roster.testkit.PushRecorder;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A session with {@code security.client-auth=true} over real bolt: a client without a valid hello (no token, unknown
 * app, wrong token, revoked token) gets UNAUTHENTICATED on every call and nothing of it is registered (not in the
 * session's registry, not at data); a valid token without a matching ACL rule gets FORBIDDEN naming app, action and
 * dataId; an allowed one works, with the SDK taking its credentials from the builder or from the environment.
 */
@Timeout(120)
class ClientAuthTest {
    private static final String ORDERS = "com.shop.orders.Api";
    private static final String DATA_INFO_ID = ORDERS + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster().with(ConfigKeys.SECURITY_CLIENT_AUTH, true);

    private final SecureRandom random = new SecureRandom();
    private final List<RpcCaller> callers = new ArrayList<>();

    @AfterEach
    void closeCallers() {
        callers.forEach(RpcCaller::close);
    }

    private SessionServer session() {
        return cluster.node().session();
    }

    /** Changes the ACL through meta's log and waits until the session enforces that version. */
    private void acl(String op, String app, String action, String value) {
        RpcCaller meta = caller();
        AclReply reply = meta.call(cluster.metaAddress(), new AclRequest(op, app, action, value), AclReply.class, 5000);
        assertThat(reply.code()).as(reply.message()).isEqualTo(ErrorCode.OK);
        await().until(() -> session().view().acl().version() >= reply.acl().version());
    }

    private String newToken(String app) {
        String token = Tokens.newToken(random);
        acl(AclRequest.TOKEN_ADD, app, "", Tokens.hash(token));
        return token;
    }

    private RpcCaller caller() {
        WireTypes.install();
        RpcClient client = new RpcClient();
        RpcCaller caller = new RpcCaller(client);
        callers.add(caller);
        return caller;
    }

    /** A raw client (its own bolt connection) that says hello with {@code app} and {@code token} (null: no hello). */
    private final class RawClient {
        private final RpcCaller rpc = caller();
        private final String clientId = UUID.randomUUID().toString();

        RawClient(String app, String token) {
            if (app != null) {
                assertThat(rpc.call(cluster.sessionAddress(), new ClientHello(clientId, List.of(), app, token),
                        SimpleReply.class, 5000).ok()).isTrue();
            }
        }

        RegisterReply publish(String dataInfoId) {
            return rpc.call(cluster.sessionAddress(), new PublishRequest(clientId, "orders", UUID.randomUUID().toString(),
                    dataInfoId, List.of("10.0.0.1:8080".getBytes(StandardCharsets.UTF_8)), 1, ""), RegisterReply.class, 5000);
        }

        RegisterReply subscribe(String dataInfoId) {
            return rpc.call(cluster.sessionAddress(), new SubscribeRequest(clientId, "orders", UUID.randomUUID().toString(),
                    dataInfoId, ""), RegisterReply.class, 5000);
        }
    }

    private void assertRefusedAndNothingRegistered(RawClient client, String reason) {
        RegisterReply pub = client.publish(DATA_INFO_ID);
        assertThat(pub.code()).as(pub.message()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(pub.message()).contains(reason);
        RegisterReply sub = client.subscribe(DATA_INFO_ID);
        assertThat(sub.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(sub.message()).contains(reason);
        assertThat(session().publisherCount()).isZero();
        assertThat(session().subscriberCount()).isZero();
        assertThat(session().clientCount()).isZero();
        assertThat(session().readDatum(ORDERS).publishers()).isEmpty();
    }

    @Test
    void noTokenUnknownAppWrongTokenAndRevokedTokenAreRefusedAndRegisterNothing() {
        String token = newToken("orders");
        acl(AclRequest.ALLOW, "orders", "publish", "com.shop.*");
        acl(AclRequest.ALLOW, "orders", "subscribe", "com.shop.*");

        assertRefusedAndNothingRegistered(new RawClient(null, null), "no token");
        assertRefusedAndNothingRegistered(new RawClient("orders", ""), "no token");
        assertRefusedAndNothingRegistered(new RawClient("billing", token), "unknown app 'billing'");
        assertRefusedAndNothingRegistered(new RawClient("orders", Tokens.newToken(random)), "wrong token for app 'orders'");

        acl(AclRequest.TOKEN_REVOKE, "orders", "", Tokens.idOf(Tokens.hash(token)));
        assertRefusedAndNothingRegistered(new RawClient("orders", token), "of app 'orders' was revoked");
    }

    @Test
    void aValidTokenWithoutAMatchingRuleIsForbiddenAndAnAllowedOneWorks() {
        String token = newToken("orders");
        RawClient client = new RawClient("orders", token);

        RegisterReply denied = client.publish(DATA_INFO_ID);
        assertThat(denied.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(denied.message()).contains("app 'orders' may not publish dataId '" + ORDERS + "'");
        assertThat(client.subscribe(DATA_INFO_ID).message()).contains("app 'orders' may not subscribe dataId '" + ORDERS + "'");
        assertThat(session().publisherCount()).isZero();
        assertThat(session().subscriberCount()).isZero();

        acl(AclRequest.ALLOW, "orders", "publish", "com.shop.orders.*");
        assertThat(client.publish(DATA_INFO_ID).code()).isEqualTo(ErrorCode.OK);
        assertThat(client.subscribe(DATA_INFO_ID).code()).isEqualTo(ErrorCode.FORBIDDEN); // publish only
        assertThat(client.publish("com.shop.billing.Api#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP").code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(session().publisherCount()).isEqualTo(1);
        assertThat(session().readDatum(ORDERS).publishers()).hasSize(1);
    }

    @Test
    void theSdkTakesCredentialsFromTheBuilderOrTheEnvironment() {
        String providerToken = newToken("orders");
        String consumerToken = newToken("web");
        acl(AclRequest.ALLOW, "orders", "publish", "com.shop.orders.*");
        acl(AclRequest.ALLOW, "web", "subscribe", "com.shop.*");

        RosterClient provider = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("orders", providerToken).connectTimeout(Duration.ofSeconds(10)).build());
        RosterClient consumer = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress()).appName("web")
                .environment(Map.of("ROSTER_APP", "web", "ROSTER_APP_TOKEN", consumerToken))
                .connectTimeout(Duration.ofSeconds(10)).build());
        PushRecorder pushes = new PushRecorder();
        consumer.subscribe(ORDERS, pushes::onData);
        Publication pub = provider.publish(ORDERS, "10.0.0.1:8080");
        await().until(() -> List.of("10.0.0.1:8080").equals(pushes.lastData()));
        assertThat(pub).isNotNull();

        // Refusals reach the caller with the session's reason, at once (no retry loop).
        assertThatThrownBy(() -> provider.publish("com.shop.billing.Api", "10.0.0.2:1"))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("app 'orders' may not publish dataId 'com.shop.billing.Api'");
        RosterClient stranger = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("orders", Tokens.newToken(random)).connectTimeout(Duration.ofSeconds(10)).build());
        assertThatThrownBy(() -> stranger.publish(ORDERS, "10.6.6.6:1"))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessageContaining("wrong token for app 'orders'");
        RosterClient anonymous = cluster.client("anonymous");
        assertThatThrownBy(() -> anonymous.subscribe(ORDERS, pushes::onData))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessageContaining("no token");
        assertThat(session().readDatum(ORDERS).publishers()).hasSize(1);
    }

    @Test
    void applicationLevelDiscoveryNeedsRulesForItsDatumsAndAClientRegistersOnlyItsOwnAppsRevisions() {
        String providerToken = newToken("orders");
        String consumerToken = newToken("web");
        acl(AclRequest.ALLOW, "orders", "publish", "orders"); // the app datum's dataId is the app name
        acl(AclRequest.ALLOW, "web", "subscribe", "com.shop.*"); // the interface's datums
        acl(AclRequest.ALLOW, "web", "subscribe", "orders"); // the providers' app datums

        RosterClient provider = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("orders", providerToken).connectTimeout(Duration.ofSeconds(10)).build());
        provider.publishApplication("orders", "10.0.0.1:12200", ApplicationMetadata.of(ORDERS));
        RosterClient consumer = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress())
                .credentials("web", consumerToken).connectTimeout(Duration.ofSeconds(10)).build());
        AtomicReference<List<InterfaceInstance>> seen = new AtomicReference<>(List.of());
        consumer.subscribeInterface(ORDERS, (iface, instances, version) -> seen.set(instances));
        await().until(() -> seen.get().stream().anyMatch(i -> i.address().equals("10.0.0.1:12200") && "orders".equals(i.app())));

        // Another app's name: its revision is refused before it reaches meta, and nothing is published.
        assertThatThrownBy(() -> provider.publishApplication("billing", "10.0.0.2:1", ApplicationMetadata.of(ORDERS)))
                .hasMessageContaining("may not register a revision of app 'billing'");
        RosterClient anonymous = cluster.client("billing");
        assertThatThrownBy(() -> anonymous.publishApplication("billing", "10.0.0.3:1", ApplicationMetadata.of("com.shop.billing.Api")))
                .hasMessageContaining("no token");
        assertThat(session().readDatum("billing#@#DEFAULT_INSTANCE_ID#@#ROSTER_APP").publishers()).isEmpty();
        assertThat(cluster.node().meta().revisions().apps()).doesNotContain("billing");
    }
}
