package io.roster.chaos.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.roster.chaos.check.Checker;
import io.roster.chaos.check.CheckerOptions;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;
import io.roster.chaos.history.HistoryReader;
import io.roster.chaos.history.HistoryWriter;
import io.roster.chaos.report.Report;
import io.roster.chaos.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One chaos run (docs/CHAOS.md) against a running cluster: pinned publishers first, then random operations
 * and the seed's fault schedule for the run's duration, then a quiet phase long enough for every change to converge;
 * the history it recorded is then judged by the {@link Checker} and the report written next to it.
 */
public final class ChaosRun {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    static final String HISTORY_FILE = "history.jsonl";
    static final String RUN_FILE = "run.json";
    private static final long STEADY_TIMEOUT_MS = 60_000;

    private final ClusterControl cluster;
    private final ChaosOptions options;

    public ChaosRun(ClusterControl cluster, ChaosOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    /** Runs, checks and writes the report; the returned report says whether the run passed. */
    public Report run() throws IOException {
        Files.createDirectories(options.reportDir());
        Path historyFile = options.reportDir().resolve(HISTORY_FILE);
        CheckerOptions checks = CheckerOptions.of(cluster.leaseMs(), cluster.debounceMs(), options.marginMs());
        List<PlannedFault> faults = FaultPlan.generate(options.seed(), options.durationMs(), options.faults(),
                options.overlap());
        RunClock clock = new RunClock();
        OpCounts counts;
        OpCounts appCounts;
        int injected;
        try (HistoryWriter history = new HistoryWriter(historyFile)) {
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chaos-sessions"));
            try (Workload workload = new Workload(options.seed(), options.clients(), options.dataIds(),
                    cluster.sessionAddresses(), history, clock, options.clientTls())) {
                poller.scheduleWithFixedDelay(workload::noteSessions, 0, 100, TimeUnit.MILLISECONDS);
                workload.setUp();
                awaitPinnedEverywhere(workload);
                history.append(new Event.Steady(clock.now()));
                LOG.info("chaos: steady; {} ms of operations and {} faults from seed {}", options.durationMs(), faults.size(),
                        options.seed());
                // Opened after steady: its subscribers join like the ordinary ones' later subscribers. Closed
                // before the interface-level clients, so before the pinned ones.
                try (AppWorkload apps = new AppWorkload(options.seed(), options.appClients(), workload.dataIds(),
                        cluster.sessionAddresses(), history, clock, options.clientTls())) {
                    poller.scheduleWithFixedDelay(apps::noteSessions, 0, 100, TimeUnit.MILLISECONDS);
                    ScheduledExecutorService appOps = Executors.newSingleThreadScheduledExecutor(
                            r -> new Thread(r, "chaos-app-ops"));
                    FaultRunner faultRunner = new FaultRunner(cluster, faults, history, clock);
                    faultRunner.start();
                    long end = clock.now() + options.durationMs();
                    try {
                        appOps.scheduleWithFixedDelay(() -> stepQuietly(apps), options.opIntervalMs(),
                                options.opIntervalMs(), TimeUnit.MILLISECONDS);
                        while (clock.now() < end) {
                            workload.step();
                            sleep(options.opIntervalMs());
                        }
                    } finally {
                        stop(appOps);
                        faultRunner.stopAndRestore();
                    }
                    history.append(new Event.Quiesce(clock.now()));
                    LOG.info("chaos: quiet for {} ms so every change can converge", checks.convergenceBoundMs() + 2000);
                    sleep(checks.convergenceBoundMs() + 2000);
                    history.append(new Event.End(clock.now()));
                    counts = workload.counts();
                    appCounts = apps.counts();
                    injected = faultRunner.injected();
                }
            } finally {
                poller.shutdownNow();
            }
        }
        History recorded = HistoryReader.read(historyFile);
        Report report = new Checker(checks).check(recorded);
        String summary = new ReportWriter().write(report, options.reportDir());
        writeRunFile(faults, counts, appCounts, injected);
        LOG.info("chaos: {}", summary.lines().findFirst().orElse(""));
        return report;
    }

    /** Waits until every subscriber got a push with every pinned item of its dataId: the checked window opens then. */
    private void awaitPinnedEverywhere(Workload workload) {
        long deadline = System.currentTimeMillis() + STEADY_TIMEOUT_MS;
        while (true) {
            boolean all = true;
            for (ChaosClient c : workload.all()) {
                for (String sub : c.subscriptions.keySet()) {
                    long pinnedThere = c.lastItems(sub).stream().filter(i -> i.startsWith("pinned:")).count();
                    all &= pinnedThere == Workload.PINNED_CLIENTS;
                }
            }
            if (all) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the pinned publishers did not reach every subscriber within "
                        + STEADY_TIMEOUT_MS / 1000 + " s: the cluster is not working before any fault");
            }
            sleep(50);
        }
    }

    private void writeRunFile(List<PlannedFault> faults, OpCounts counts, OpCounts appCounts, int injected) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seed", options.seed());
        run.put("durationMs", options.durationMs());
        run.put("clients", options.clients());
        run.put("dataIds", options.dataIds());
        run.put("opIntervalMs", options.opIntervalMs());
        run.put("faultKinds", options.faults().stream().map(FaultKind::cliName).sorted().toList());
        run.put("overlap", options.overlap());
        run.put("faultsPlanned", faults.stream().map(ChaosRun::planned).toList());
        run.put("faultsInjected", injected);
        run.put("operations", counts.summary());
        run.put("appClients", options.appClients());
        run.put("applicationOperations", appCounts.summary());
        run.put("targets", cluster.targets().stream().map(t -> Map.of("name", t.name(), "role", t.role(), "address", t.address())).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.reportDir().resolve(RUN_FILE).toFile(), run);
    }

    private static Map<String, Object> planned(PlannedFault f) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("atMs", f.atMs(), "kind", f.kind().cliName(),
                "targetIndex", f.targetIndex(), "durationMs", f.durationMs()));
        if (f.second() != null) {
            PlannedFault.Overlap o = f.second();
            m.put("second", Map.of("afterMs", o.afterMs(), "kind", o.kind().cliName(), "targetIndex", o.targetIndex(),
                    "durationMs", o.durationMs()));
        }
        return m;
    }

    /** A failed step must not end the schedule (a scheduled task that throws is never run again). */
    private static void stepQuietly(AppWorkload apps) {
        try {
            apps.step();
        } catch (RuntimeException e) {
            LOG.warn("chaos: application-level step failed: {}", e.toString());
        }
    }

    private static void stop(ScheduledExecutorService ops) {
        ops.shutdown(); // the step under way finishes: an interrupted SDK call would only add doubt
        try {
            if (!ops.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("chaos: an application-level operation is still running at quiesce");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chaos run interrupted", e);
        }
    }
}
