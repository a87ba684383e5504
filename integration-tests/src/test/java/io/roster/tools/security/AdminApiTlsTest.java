package io.roster.tools.security;

import io.roster.common.config.ConfigKeys;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.tls.TlsRole;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.tools.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of a standalone node with tls.enabled and tls.client-links: its bolt calls to meta and to the
 * sessions go out with the node's certificate (the meta and node ports take nothing else), so the levers, the
 * console overview, the query API and the ACL answer; and a client certificate cannot ask a session the registry
 * queries those calls make.
 */
@Timeout(120)
class AdminApiTlsTest {
    private static final String ADMIN_TOKEN = "admin-token-for-the-admin-tls-test";
    private static final TestCerts CERTS = TestCerts.create();

    @RegisterExtension
    final StandaloneCluster cluster = withTls(new StandaloneCluster().with(ConfigKeys.ADMIN_TOKEN, ADMIN_TOKEN));

    private static StandaloneCluster withTls(StandaloneCluster c) {
        CERTS.nodeSettings(true).forEach(c::with);
        return c;
    }

    @AfterAll
    static void deleteCerts() {
        CERTS.close();
    }

    private HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node().adminPort() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void leversClusterQueriesAndAclAnswerOverTls() throws Exception {
        HttpResponse<String> levers = http("GET", "/api/levers", null);
        assertThat(levers.statusCode()).as(levers.body()).isEqualTo(200);
        HttpResponse<String> set = http("POST", "/api/levers", "{\"lever\":\"client-off\",\"value\":\"10.0.0.5\",\"on\":true}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("10.0.0.5");
        HttpResponse<String> overview = http("GET", "/api/cluster", null);
        assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
        HttpResponse<String> services = http("GET", "/api/services", null);
        assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
        assertThat(services.body()).doesNotContain(cluster.sessionAddress()); // not in missingSessions
        HttpResponse<String> acl = http("GET", "/api/acl", null);
        assertThat(acl.statusCode()).as(acl.body()).isEqualTo(200);
    }

    @Test
    void aClientCertificateCannotQueryTheRegistryButTheNodeCertificateCan() {
        RegistryQuery query = new RegistryQuery(RegistryQuery.SERVICES, "", "", "", "", 10, "");
        try (RpcCaller client = new RpcCaller(CERTS.outgoing(TlsRole.CLIENT))) {
            assertThat(client.call(cluster.sessionAddress(), query, RegistryQueryReply.class, 5000).code())
                    .isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
        try (RpcCaller node = new RpcCaller(CERTS.outgoing(TlsRole.NODE))) {
            assertThat(node.call(cluster.sessionAddress(), query, RegistryQueryReply.class, 5000).code())
                    .isEqualTo(ErrorCode.OK);
        }
    }
}
