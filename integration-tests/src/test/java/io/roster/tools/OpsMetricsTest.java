package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.alipay.sofa.jraft.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The meta and data figures of issue 16 on a standalone node's /metrics, and the Grafana dashboard built on them. */
@Timeout(120)
class OpsMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    private static final Pattern ROSTER_NAME = Pattern.compile("\\b(?:session|meta|data)_[a-z0-9_]+\\b");

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The unlabelled samples of /metrics, by name (labelled ones, the quantiles, keep only their name). */
    private Map<String, Double> scrape() throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node().adminPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> out = new HashMap<>();
        Matcher m = SAMPLE.matcher(body);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2) == null ? Double.parseDouble(m.group(3)) : Double.NaN);
        }
        return out;
    }

    @Test
    void metaAndDataFiguresAreExportedWithSaneValues() throws Exception {
        Map<String, Double> before = scrape();
        assertThat(before.get("meta_raft_term")).isGreaterThanOrEqualTo(1);
        assertThat(before.get("meta_raft_leader")).isEqualTo(1);
        assertThat(before.get("meta_raft_leader_changes")).isGreaterThanOrEqualTo(1);
        assertThat(before.get("meta_raft_applied_index")).isPositive();
        assertThat(before.get("meta_raft_commit_index")).isGreaterThanOrEqualTo(before.get("meta_raft_applied_index"));
        assertThat(before.get("meta_slot_table_epoch")).isGreaterThanOrEqualTo(1);
        assertThat(before.get("meta_nodes_data")).isEqualTo(1);
        assertThat(before.get("meta_nodes_session")).isEqualTo(1);
        assertThat(before.get("meta_lease_expiries")).isZero();
        assertThat(before.get("data_rocksdb_size_bytes")).isGreaterThanOrEqualTo(0);
        assertThat(before.get("data_rocksdb_pending_compaction_bytes")).isGreaterThanOrEqualTo(0);
        assertThat(before.get("data_rocksdb_compactions_running")).isGreaterThanOrEqualTo(0);
        assertThat(before).containsKeys("data_promotions", "data_migrations_in_progress", "meta_snapshot_age_seconds");
        // the one data node leads every slot once it has reconciled them
        await().untilAsserted(() -> assertThat(scrape().get("data_migrations_in_progress")).isZero());
        assertThat(scrape().get("data_promotions")).isPositive();

        cluster.client("provider").publish("svc.ops-metrics", "10.0.0.1:80");
        await().untilAsserted(() -> assertThat(scrape().get("data_writes")).isGreaterThan(before.get("data_writes")));

        Status saved = cluster.node().meta().snapshot().get(30, TimeUnit.SECONDS);
        assertThat(saved.isOk()).as(saved.toString()).isTrue();
        assertThat(scrape().get("meta_snapshot_age_seconds")).isBetween(0.0, 30.0);
    }

    @Test
    void theGrafanaDashboardIsValidJsonAndQueriesOnlyExportedMetrics() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("conf/grafana-roster.json");
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(file));
        assertThat(dashboard.get("templating").toString()).contains("\"type\":\"datasource\"", "prometheus");
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = ROSTER_NAME.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertThat(queried).contains("session_push_latency_ms", "session_push_acked", "session_publishers", "meta_raft_term",
                "meta_raft_leader", "meta_raft_applied_index", "meta_snapshot_age_seconds", "data_writes",
                "data_rocksdb_size_bytes", "data_migrations_in_progress");
        Set<String> exported = scrape().keySet();
        assertThat(exported).containsAll(queried);
    }
}
