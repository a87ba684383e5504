package io.roster.tools;

import io.roster.testkit.CapturedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `roster bench register` (with and without a subscriber, synchronous and with registrations in flight) and
 * `roster bench hot` (both phases, and one) end to end at a small size against a standalone node, reading its
 * figures from the node's admin port. Asserts that every figure is printed and sane, not timings.
 */
@Timeout(120)
class RegisterAndHotBenchCommandTest {
    private static final Pattern HEAP = Pattern.compile("heap per publisher, session\\+data process at admin \\S+, after a full GC: (-?\\d+) bytes");
    private static final Pattern PER_CHANGE = Pattern.compile(
            "phase (A, full lists|B, delta push): 5 changes in [\\d.]+ s; per change: (\\d+) bytes pushed \\(session.push.bytes\\), "
                    + "([\\d.]+) ms CPU of the session processes \\(process.cpu.seconds\\), ([\\d.]+) push messages; .* over (\\d+) first-seen pushes");

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();

    private String admin() {
        return "127.0.0.1:" + cluster.node().adminPort();
    }

    @Test
    void registerWithASubscriberAndRegistrationsInFlight() {
        CapturedRun run = CapturedCli.run("bench", "register", "--sessions", cluster.sessionAddress(), "--admin", admin(),
                "--publishers", "300", "--services", "4", "--clients", "2", "--in-flight", "8");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("300 publishers over 4 services from 2 clients, 8 in flight each, a subscriber of every service",
                "registered 300 publishers in", "per second until all were accepted",
                "the subscribers had all of them after", "per second until the subscriber saw all");
        Matcher heap = HEAP.matcher(run.out());
        assertThat(heap.find()).as(run.out()).isTrue();
    }

    @Test
    void pushWithHeapPerSubscriber() {
        CapturedRun run = CapturedCli.run("bench", "push", "--sessions", cluster.sessionAddress(), "--admin", admin(),
                "--subscribers", "40", "--services", "4", "--clients", "2", "--changes", "8", "--interval-ms", "1",
                "--heap-per-subscriber");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("heap per subscriber, session\\+data process at admin \\S+, after a full GC: -?\\d+ bytes")
                .contains("latency (publish to listener): p50");
    }

    @Test
    void registerWithoutASubscriberConfirmsTheDataAfterwards() {
        CapturedRun run = CapturedCli.run("bench", "register", "--sessions", cluster.sessionAddress(), "--admin", admin(),
                "--publishers", "200", "--services", "5", "--clients", "2", "--in-flight", "1", "--no-subscriber");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1 in flight each, no subscriber", "registered 200 publishers in",
                "confirmed: a subscriber of each of the 5 services read all 200 publishers")
                .doesNotContain("the subscribers had all of them");
    }

    @Test
    void registerWithoutAnAdminPortStillRunsAndSaysTheHeapWasNotMeasured() {
        CapturedRun run = CapturedCli.run("bench", "register", "--sessions", cluster.sessionAddress(), "--admin", "127.0.0.1:1",
                "--publishers", "20", "--services", "2", "--clients", "1");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("registered 20 publishers in", "heap per publisher: not measured (cannot read http://127.0.0.1:1/metrics", "ConnectException");
    }

    @Test
    void hotRunsBothPhasesAndPrintsTheFiguresPerChange() {
        CapturedRun run = CapturedCli.run("bench", "hot", "--sessions", cluster.sessionAddress(), "--admin", admin(),
                "--instances", "50", "--subscribers", "5", "--clients", "2", "--publisher-clients", "1", "--changes", "5",
                "--interval-ms", "0");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1 service, 50 instances on 1 clients, 5 subscribers on 2 clients", "published 50 instances",
                "summary (per change):");
        Matcher m = PER_CHANGE.matcher(run.out());
        int phases = 0;
        while (m.find()) {
            phases++;
            assertThat(Long.parseLong(m.group(2))).as("bytes pushed per change, " + m.group(1)).isPositive();
            assertThat(Double.parseDouble(m.group(3))).as("session CPU per change").isPositive();
            // each change reaches both subscriber clients: at least two messages, and a change of one instance
            // does not flood them (a message per subscriber would be 5)
            assertThat(Double.parseDouble(m.group(4))).as("push messages per change").isBetween(2.0, 4.0);
            assertThat(Long.parseLong(m.group(5))).as("one first-seen push per subscriber and change").isEqualTo(25);
        }
        assertThat(phases).as(run.out()).isEqualTo(2);
    }

    @Test
    void hotWithFullListsRunsPhaseAOnly() {
        CapturedRun run = CapturedCli.run("bench", "hot", "--sessions", cluster.sessionAddress(), "--admin", admin(),
                "--instances", "20", "--subscribers", "3", "--clients", "1", "--publisher-clients", "1", "--changes", "3",
                "--interval-ms", "0", "--full-lists");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("phase A, full lists: 3 changes").doesNotContain("phase B");
    }

    @Test
    void hotRefusesBothPhaseFlagsAtOnce() {
        CapturedRun run = CapturedCli.run("bench", "hot", "--sessions", cluster.sessionAddress(), "--full-lists", "--delta-lists");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("exclude each other");
    }

    @Test
    void theAdminPortExportsHeapCpuAndPidForTheBenches() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + admin() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.body()).containsPattern("(?m)^jvm_heap_used [1-9]")
                .containsPattern("(?m)^process_cpu_seconds [0-9.]*[1-9]")
                .contains("process_pid " + (double) ProcessHandle.current().pid());
    }
}
