package io.roster.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.testkit.FreePorts;
import io.roster.tools.cli.PubCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The picocli commands, run in-process against an in-process server. */
@Timeout(120)
class CliTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    /** A command line whose output is captured. */
    private static final class Run {
        final CommandLine cl = RosterMain.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        Run() {
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
        }

        int execute(String... args) {
            return cl.execute(args);
        }

        synchronized String out() {
            return out.toString();
        }
    }

    @Test
    void subPrintsJsonPushesOfWhatPubPublishesAndTheEmptyListWhenPubStops() throws Exception {
        Run pub = new Run();
        CompletableFuture<Integer> pubExit = CompletableFuture.supplyAsync(() ->
                pub.execute("pub", "--sessions", cluster.sessionAddress(), "com.example.EchoService", "10.0.0.1:12200"));
        PubCommand pubCommand = pub.cl.getSubcommands().get("pub").getCommand();
        await().until(() -> pub.out().contains("published"));

        Run sub = new Run();
        CompletableFuture<Integer> subExit = CompletableFuture.supplyAsync(() ->
                sub.execute("sub", "--json", "--count", "2", "--sessions", cluster.sessionAddress(), "com.example.EchoService"));
        await().until(() -> sub.out().contains("10.0.0.1:12200"));

        pubCommand.stop();
        assertThat(pubExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(subExit.get(30, TimeUnit.SECONDS)).isZero();

        String[] lines = sub.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        JsonNode second = json.readTree(lines[1]);
        assertThat(first.get("dataInfoId").asText()).isEqualTo("com.example.EchoService#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        assertThat(first.get("data").get(0).asText()).isEqualTo("10.0.0.1:12200");
        assertThat(second.get("data")).isEmpty();
        assertThat(second.get("version").asLong()).isGreaterThan(first.get("version").asLong());
    }

    @Test
    void statusShowsNodesEpochAndCounts() {
        cluster.node().config();
        Run status = new Run();
        assertThat(status.execute("status", "--meta", cluster.metaAddress())).isZero();
        String text = status.out();
        assertThat(text).contains("meta leader: " + cluster.metaAddress());
        assertThat(text).contains("data").contains("session").contains("slot table: epoch");
        assertThat(text).contains("256 slots");

        Run json = new Run();
        assertThat(json.execute("status", "--json", "--meta", cluster.metaAddress())).isZero();
        assertThat(json.out()).contains("\"slotTableEpoch\"").contains("\"totals\"");
    }

    @Test
    void commandsTakeTheirAddressesFromAClusterDirectory() throws Exception {
        Path clusterDir = dir.resolve("cluster");
        new io.roster.tools.cluster.ClusterFile(List.of(cluster.metaAddress()), List.of(cluster.sessionAddress()), List.of(),
                List.of()).write(clusterDir);
        Run status = new Run();
        assertThat(status.execute("status", "--cluster", clusterDir.toString())).isZero();
        assertThat(status.out()).contains("meta leader: " + cluster.metaAddress());

        Run sub = new Run();
        assertThat(sub.execute("sub", "--count", "1", "--cluster", clusterDir.toString(), "svc.cluster-dir")).isZero();
        // Nothing was ever published there: an empty list, at the floor version of its slot's leaderEpoch (a datum
        // a data node does not hold reads at that floor, so its version never goes down; ARCHITECTURE.md, Data).
        assertThat(sub.out()).containsPattern("svc\\.cluster-dir#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP version [1-9][0-9]*: \\[\\]");

        Run missing = new Run();
        assertThat(missing.execute("status", "--cluster", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(missing.err.toString()).contains("no cluster at").contains("cluster.properties does not exist");
    }

    @Test
    void statusWithNoMetaFailsWithAMessageNotAStackTrace() {
        Run status = new Run();
        int port = FreePorts.free();
        assertThat(status.execute("status", "--timeout-ms", "500", "--meta", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(status.err.toString()).startsWith("roster status: no meta server answered").doesNotContain("\tat ");
    }

    @Test
    void aSecondServerOnTheSamePortsFailsAtOnceNamingThePort() {
        Run second = new Run();
        long started = System.nanoTime();
        int exit = second.execute("server", "--set", "roster.data-dir=" + dir.resolve("second"),
                "--set", "meta.port=" + cluster.config().get(io.roster.common.config.ConfigKeys.META_PORT));
        assertThat(exit).isEqualTo(1);
        assertThat(second.err.toString()).contains("meta.port").contains("already in use");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        Run third = new Run();
        int sessionPort = cluster.config().get(io.roster.common.config.ConfigKeys.SESSION_PORT);
        exit = third.execute("server", "--set", "roster.data-dir=" + dir.resolve("third"),
                "--set", "meta.port=" + FreePorts.free(), "--set", "data.port=0", "--set", "admin.port=0",
                "--set", "meta.election-timeout-ms=500", "--set", "session.port=" + sessionPort);
        assertThat(exit).isEqualTo(1);
        assertThat(third.err.toString()).contains("session.port").contains(Integer.toString(sessionPort));
    }

    @Test
    void aDataCopyWrittenForAnotherSlotCountStopsStartUpNamingTheKeyAndTheDirectory() throws Exception {
        int dataPort = FreePorts.free();
        java.nio.file.Path copy = dir.resolve("other").resolve("data-" + dataPort);
        io.roster.datastore.store.rocks.RocksDataStore.open(copy, 16).close();

        Run run = new Run();
        int exit = run.execute("server", "--roles", "data", "--set", "roster.data-dir=" + dir.resolve("other"),
                "--set", "data.port=" + dataPort, "--set", "admin.port=0", "--set", "cluster.slots=32");

        assertThat(exit).isEqualTo(1);
        assertThat(run.err.toString()).contains("cluster.slots=16", "cluster.slots=32", copy.toString()).doesNotContain("\tat ");
    }

    @Test
    void aBadConfigurationStopsStartUpNamingTheKey() {
        Run run = new Run();
        assertThat(run.execute("server", "--set", "session.prot=1")).isEqualTo(2);
        assertThat(run.err.toString()).contains("unknown configuration key 'session.prot'").contains("session.port");
    }

    @Test
    void aWildcardAdvertisedHostStopsStartUpPointingAtBindHost() {
        Run run = new Run();
        assertThat(run.execute("server", "--set", "roster.host=0.0.0.0")).isEqualTo(2);
        assertThat(run.err.toString()).contains("configuration error", "roster.host='0.0.0.0'", "roster.bind-host=0.0.0.0")
                .doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[]{"server", "pub", "sub", "status"}) {
            Run run = new Run();
            assertThat(run.execute(cmd, "--help")).isZero();
            assertThat(run.out()).contains("Usage: roster " + cmd);
        }
    }
}
