package io.roster.tools.security;

import io.roster.client.RosterClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.TlsRole;
import io.roster.common.wire.ClusterChangedNotice;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
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
import static org.awaitility.Awaitility.await;

/**
 * tls.enabled without tls.client-links: the session port takes plain SDK clients and TLS ones alike, while only a
 * node certificate may ask it the questions data and meta ask.
 */
@Timeout(120)
class PlainClientLinksTest {
    private static final TestCerts CERTS = TestCerts.create();

    @RegisterExtension
    final StandaloneCluster cluster = withTls(new StandaloneCluster());

    private static StandaloneCluster withTls(StandaloneCluster c) {
        CERTS.nodeSettings(false).forEach(c::with);
        return c;
    }

    @AfterAll
    static void deleteCerts() {
        CERTS.close();
    }

    @Test
    void plainAndTlsClientsShareTheRegistry() {
        RosterClient plain = cluster.client("plain");
        RosterClient tls = cluster.track(RosterClient.builder().sessions(cluster.sessionAddress()).appName("tls")
                .connectTimeout(Duration.ofSeconds(10)).tls(CERTS.keystore(TlsRole.CLIENT), CERTS.password(), CERTS.caPem()).build());
        PushRecorder seen = new PushRecorder();
        tls.subscribe("com.example.Mixed", seen::onData);
        plain.publish("com.example.Mixed", "10.2.2.2:80");
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("10.2.2.2:80").equals(seen.lastData()));
    }

    @Test
    void onlyANodeCertificateAsksNodeQuestions() {
        SlotDigestQuery query = new SlotDigestQuery(List.of(0), List.of(1L), "127.0.0.1:1");
        for (LinkSecurity notANode : List.of(LinkSecurity.plain(), CERTS.outgoing(TlsRole.CLIENT))) {
            try (RpcCaller caller = new RpcCaller(notANode)) {
                assertThat(caller.call(cluster.sessionAddress(), query, SlotDigestQueryReply.class, 5000).code())
                        .isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(caller.call(cluster.sessionAddress(), new ClusterChangedNotice(1), SimpleReply.class, 5000).code())
                        .isEqualTo(ErrorCode.UNAUTHENTICATED);
            }
        }
        try (RpcCaller node = new RpcCaller(CERTS.outgoing(TlsRole.NODE))) {
            assertThat(node.call(cluster.sessionAddress(), query, SlotDigestQueryReply.class, 5000).code()).isEqualTo(ErrorCode.OK);
            assertThat(node.call(cluster.sessionAddress(), new ClusterChangedNotice(1), SimpleReply.class, 5000).code()).isEqualTo(ErrorCode.OK);
        }
    }
}
