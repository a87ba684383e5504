package io.roster.tools.security;

import io.roster.client.RosterClient;
import io.roster.client.RosterException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.TlsRole;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.testkit.PushRecorder;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A standalone node with tls.enabled and tls.client-links: the registry works for SDK clients that show a certificate
 * of the cluster CA, and a process without the cluster's credentials (plain, a certificate of another CA, or a
 * client certificate where a node one is needed) cannot heartbeat, join, write or read.
 */
@Timeout(120)
class StandaloneTlsTest {
    private static final TestCerts CERTS = TestCerts.create();
    private static final TestCerts ROGUE = TestCerts.create();

    @RegisterExtension
    final StandaloneCluster cluster = withTls(new StandaloneCluster());

    private static StandaloneCluster withTls(StandaloneCluster c) {
        CERTS.nodeSettings(true).forEach(c::with);
        return c;
    }

    @AfterAll
    static void deleteCerts() {
        CERTS.close();
        ROGUE.close();
    }

    private RosterClient tlsClient(String app, TestCerts certs, TlsRole role) {
        return RosterClient.builder().sessions(cluster.sessionAddress()).appName(app).connectTimeout(Duration.ofSeconds(3))
                .tls(certs.keystore(role), certs.password(), certs.caPem()).build();
    }

    @Test
    void sdkClientsWithClientCertificatesPublishAndSubscribe() {
        RosterClient provider = cluster.track(tlsClient("provider", CERTS, TlsRole.CLIENT));
        RosterClient consumer = cluster.track(tlsClient("consumer", CERTS, TlsRole.CLIENT));
        PushRecorder listener = new PushRecorder();
        consumer.subscribe("com.example.Tls", listener::onData);
        provider.publish("com.example.Tls", "10.0.0.1:8080");
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("10.0.0.1:8080").equals(listener.lastData()));
    }

    @Test
    void aClientWithoutTheClustersCertificateRegistersNothingAndReadsNothing() {
        RosterClient consumer = cluster.track(tlsClient("consumer", CERTS, TlsRole.CLIENT));
        PushRecorder seen = new PushRecorder();
        consumer.subscribe("com.example.Tls", seen::onData);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.last() != null);

        PushRecorder intruderSaw = new PushRecorder();
        List<java.util.function.Supplier<RosterClient>> intruders = List.of(
                () -> RosterClient.builder().sessions(cluster.sessionAddress()).appName("plain").connectTimeout(Duration.ofSeconds(2)).build(),
                () -> tlsClient("rogue", ROGUE, TlsRole.CLIENT));
        for (java.util.function.Supplier<RosterClient> intruder : intruders) {
            try {
                RosterClient c = cluster.track(intruder.get()); // bolt may call a plain TCP connect "connected"
                c.publish("com.example.Tls", "6.6.6.6:666");
                c.subscribe("com.example.Tls", intruderSaw::onData);
            } catch (RosterException e) {
                // refused (at build, or at a call): as good
            }
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                cluster.node().session().publisherCount() == 0 && cluster.node().session().subscriberCount() == 1);
        assertThat(intruderSaw.last()).as("an intruder is pushed nothing").isNull();
        assertThat(seen.lastData()).as("the subscriber never saw the intruder's address").isEmpty();
    }

    @Test
    void aProcessWithoutNodeCredentialsCannotHeartbeatJoinWriteOrRead() {
        String intruder = "127.0.0.1:1";
        HeartbeatRequest beat = new HeartbeatRequest(new NodeInfo(NodeRole.DATA, intruder, new ProcessId(intruder, 1, 1)), 0, 0, 0, 0);
        for (LinkSecurity security : List.of(LinkSecurity.plain(), ROGUE.outgoing(TlsRole.NODE), CERTS.outgoing(TlsRole.CLIENT))) {
            try (RpcCaller caller = new RpcCaller(security)) {
                assertThatThrownBy(() -> caller.call(cluster.metaAddress(), beat, HeartbeatReply.class, 2000))
                        .isInstanceOf(RpcFailure.class);
                assertThatThrownBy(() -> caller.call(dataAddress(), new GetDatumRequest(0, "x#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"),
                        Object.class, 2000)).isInstanceOf(RpcFailure.class);
            }
        }
        assertThat(cluster.node().meta().image().nodes().node(intruder)).isEmpty();
        // the node's own credentials do get through: the refusals above are about the credentials, not the request
        try (RpcCaller node = new RpcCaller(CERTS.outgoing(TlsRole.NODE))) {
            assertThat(node.call(cluster.metaAddress(), new ClusterStatusRequest("test"), ClusterStatusReply.class, 5000).code())
                    .isEqualTo(ErrorCode.OK);
        }
    }

    @Test
    void aClientCertificateCannotAskTheSessionNodeQuestions() {
        try (RpcCaller client = new RpcCaller(CERTS.outgoing(TlsRole.CLIENT))) {
            SlotDigestQueryReply reply = client.call(cluster.sessionAddress(), new SlotDigestQuery(List.of(0), List.of(1L), "127.0.0.1:1"),
                    SlotDigestQueryReply.class, 5000);
            assertThat(reply.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
        try (RpcCaller node = new RpcCaller(CERTS.outgoing(TlsRole.NODE))) {
            assertThat(node.call(cluster.sessionAddress(), new SlotDigestQuery(List.of(0), List.of(1L), "127.0.0.1:1"),
                    SlotDigestQueryReply.class, 5000).code()).isEqualTo(ErrorCode.OK);
        }
    }

    private String dataAddress() {
        return "127.0.0.1:" + cluster.config().get(ConfigKeys.DATA_PORT);
    }
}
