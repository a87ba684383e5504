package io.roster.tools.bench.failover;

import io.roster.tools.cluster.ClusterException;

/** The pause between two probes of a polling loop. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }
}
