package io.roster.tools.bench.failover;

import java.time.Duration;

/** One kind of failover to measure: kill a node, time the recovery, bring the node back. */
interface FailoverScenario {
    /** Short name for the output, e.g. "meta leader". */
    String name();

    /** What the measured time runs from and to, for the output and the docs. */
    String measures();

    /** One run, which leaves the cluster whole again (the victim restarted and rejoined). */
    FailoverRun runOnce();

    /** One run's figures. */
    record FailoverRun(String victim, Duration failover, Duration rejoin) {
    }
}
