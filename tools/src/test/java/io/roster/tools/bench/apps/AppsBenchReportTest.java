package io.roster.tools.bench.apps;

import io.roster.testkit.CapturedRun;
import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report of `roster bench apps` (table, JSON, ratios), its shape, and its option checks: no cluster needed. */
class AppsBenchReportTest {
    private static final AppsBenchReport.Result IFACE = new AppsBenchReport.Result("interface", 5000, 1000, 10000, 40_000_000L,
            100, 80_000, 50_000L, "the items of every subscribed list", 3.5);
    private static final AppsBenchReport.Result APP = new AppsBenchReport.Result("application", 100, 2100, 200, 2_000_000L,
            110, 20_000, 11_000L, "the SDK clients' entriesHeld()", 2.0);

    @Test
    void ratiosCompareApplicationLevelToInterfaceLevel() {
        AppsBenchReport report = new AppsBenchReport("shape", List.of(IFACE, APP));
        assertThat(report.publishersReducedPercent()).isCloseTo(98.0, within(1e-9));
        assertThat(report.pushBytesRatio()).isCloseTo(0.25, within(1e-9));
        assertThat(report.dataHeapRatio()).isCloseTo(0.05, within(1e-9));

        AppsBenchReport one = new AppsBenchReport("shape", List.of(IFACE));
        assertThat(one.publishersReducedPercent()).isNull();
        assertThat(one.pushBytesRatio()).isNull();
    }

    @Test
    void tableAndJson() {
        AppsBenchReport.Result noHeap = new AppsBenchReport.Result("application", 100, 2100, 200, null, 110, 20_000, null,
                "the instances of every listener's list", 2.0);
        AppsBenchReport report = new AppsBenchReport("2 provider pods", List.of(IFACE, noHeap));
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        assertThat(text.toString()).contains("application-level discovery benchmark: 2 provider pods")
                .containsPattern("LEVEL\\s+SESSION PUBS\\s+SESSION SUBS\\s+DATA PUBS\\s+DATA HEAP\\s+LEAVE PUSHES\\s+LEAVE BYTES")
                .containsPattern("interface\\s+5000\\s+1000\\s+10000\\s+40000000\\s+100\\s+80000\\s+50000\\s+3\\.5s")
                .containsPattern("application\\s+100\\s+2100\\s+200\\s+-\\s+110\\s+20000\\s+-\\s+2\\.0s")
                .contains("publishers reduced: 98.0%, push bytes when a pod leaves (app / interface): 0.250, data heap (app / interface): -");

        Map<String, Object> json = report.json();
        assertThat(json.get("shape")).isEqualTo("2 provider pods");
        assertThat(json.get("levels").toString()).contains("sessionPublishers=5000", "dataHeapBytes=null", "consumerEntriesHeld=null");
        assertThat(json.get("ratios").toString()).contains("publishersReducedPercent=98.0", "pushBytesRatio=0.25");
    }

    @Test
    void eachConsumerTakesKDistinctInterfacesAndPodsShareClientsRoundRobin() {
        AppsBenchPhase.Shape shape = new AppsBenchPhase.Shape(4, 5, 3, 3, 0, 2);
        assertThat(shape.consumedBy(0)).containsExactly(0, 1, 2);
        assertThat(shape.consumedBy(1)).containsExactly(3, 4, 0);
        assertThat(AppsBenchPhase.Shape.clientOf(3, 0)).isEqualTo(3);
        assertThat(AppsBenchPhase.Shape.clientOf(3, 2)).isEqualTo(1);
        assertThat(AppsBenchPhase.address(258)).isEqualTo("10.0.1.2:12200");
        assertThat(AppsBenchCommand.clientsText(100, 0)).isEqualTo("100 SDK clients (one per pod)");
        assertThat(AppsBenchCommand.clientsText(100, 10)).isEqualTo("10 shared SDK clients");
    }

    @Test
    void badOptionsAreExitTwoBeforeAnyConnection() {
        for (String[] args : new String[][]{{"--providers", "0"}, {"--consumed", "11", "--interfaces", "10"},
                {"--level", "both-ish"}, {"--consumer-clients", "-1"}}) {
            CommandLine cl = RosterMain.commandLine();
            String[] full = new String[args.length + 2];
            full[0] = "bench";
            full[1] = "apps";
            System.arraycopy(args, 0, full, 2, args.length);
            CapturedRun run = CapturedRun.of((out, err) -> {
                cl.setOut(out);
                cl.setErr(err);
                return cl.execute(full);
            });
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).startsWith("roster bench apps: ");
        }
    }
}
