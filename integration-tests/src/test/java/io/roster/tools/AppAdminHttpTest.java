package io.roster.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The application endpoints of the admin API refuse bad queries with 400 before asking meta anything. */
@Timeout(120)
class AppAdminHttpTest {
    @RegisterExtension
    static final StandaloneCluster CLUSTER = new StandaloneCluster();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CLUSTER.node().adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingOrBadNamesAre400() throws Exception {
        HttpResponse<String> noName = get("/api/app");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("query parameter name is required");
        HttpResponse<String> badName = get("/api/app?name=a%20b");
        assertThat(badName.statusCode()).as(badName.body()).isEqualTo(400);

        HttpResponse<String> noInterface = get("/api/interface");
        assertThat(noInterface.statusCode()).isEqualTo(400);
        assertThat(noInterface.body()).contains("query parameter dataId is required");
        HttpResponse<String> reserved = get("/api/interface?dataId=x%23%40%23DEFAULT_INSTANCE_ID%23%40%23ROSTER_APP");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(reserved.body()).contains("reserved group ROSTER_APP");
        assertThat(get("/api/apps/x").statusCode()).isEqualTo(404);
    }
}
