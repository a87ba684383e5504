package io.roster.chaos.run;

import io.roster.common.tls.TlsFiles;
import java.nio.file.Path;
import java.util.Set;

/**
 * How one chaos run goes.
 *
 * @param durationMs  how long operations and faults go on, after the pinned publishers are in place
 * @param seed        the operation and fault schedules come from it alone
 * @param clients     SDK clients doing random operations (the pinned clients come on top)
 * @param dataIds     services they publish and subscribe to
 * @param opIntervalMs pause between two operations
 * @param faults      the kinds of fault to inject
 * @param marginMs    added to lease + debounce for the ghost and convergence bounds
 * @param reportDir   where history.jsonl, report.json and report.txt go
 * @param overlap     whether some faults get a second one while they last ({@link FaultPlan#TOLERATED_PAIRS})
 * @param appClients  clients of the application-level workload ({@link AppWorkload}); 0 leaves it out
 * @param clientTls   the SDK clients' TLS files (a cluster with tls.client-links), or null for plain clients
 */
public record ChaosOptions(long durationMs, long seed, int clients, int dataIds, long opIntervalMs, Set<FaultKind> faults,
                           long marginMs, Path reportDir, boolean overlap, int appClients,
                           TlsFiles clientTls) {
    public static final int DEFAULT_APP_CLIENTS = 4;

    public ChaosOptions {
        faults = Set.copyOf(faults);
        if (durationMs <= 0 || clients < 1 || dataIds < 1 || opIntervalMs < 1 || marginMs < 0 || appClients < 0) {
            throw new IllegalArgumentException("bad chaos options: duration " + durationMs + " ms, " + clients
                    + " clients, " + dataIds + " dataIds, op interval " + opIntervalMs + " ms, margin " + marginMs + " ms, "
                    + appClients + " application-level clients");
        }
    }

    /** With plain clients. */
    public ChaosOptions(long durationMs, long seed, int clients, int dataIds, long opIntervalMs, Set<FaultKind> faults,
                        long marginMs, Path reportDir, boolean overlap, int appClients) {
        this(durationMs, seed, clients, dataIds, opIntervalMs, faults, marginMs, reportDir, overlap, appClients, null);
    }

    /** With the application-level workload's default clients. */
    public ChaosOptions(long durationMs, long seed, int clients, int dataIds, long opIntervalMs, Set<FaultKind> faults,
                        long marginMs, Path reportDir, boolean overlap) {
        this(durationMs, seed, clients, dataIds, opIntervalMs, faults, marginMs, reportDir, overlap,
                DEFAULT_APP_CLIENTS);
    }
}
