package io.roster.chaos.run;

import java.util.List;
import java.util.Optional;

/**
 * What the harness needs of a running cluster: where its nodes are, and the faults it may do to them. Implemented
 * over real processes by the launcher in tools; kept an interface so the runner does not know how nodes start.
 */
public interface ClusterControl extends AutoCloseable {
    List<Target> targets();

    List<String> metaAddresses();

    List<String> sessionAddresses();

    /** kill -9. */
    void kill(Target target);

    /** Starts a killed node again from its configuration and waits until it is back in the cluster. */
    void restart(Target target);

    /** SIGSTOP: the process stays but answers nothing. */
    void pause(Target target);

    /** SIGCONT. */
    void resume(Target target);

    /**
     * Restarts the node (SIGTERM, then a start from its configuration, waiting until it is back) with its wall clock
     * {@code skewMs} off; its monotonic clock is left alone. The skew lasts until the node's next restart.
     */
    void restartSkewed(Target target, long skewMs);

    /** Cuts every network link between {@code target} and each of {@code peers}, both ways, until {@link #heal}. */
    void partition(Target target, List<Target> peers);

    /** The address of the meta leader as the cluster names it now; empty while it names none. */
    default Optional<String> metaLeader() {
        return Optional.empty();
    }

    /** Undoes {@link #partition} of the same target and peers. */
    void heal(Target target, List<Target> peers);

    /** The node lease of this cluster (lease.duration-ms): what the checker's bounds start from. */
    long leaseMs();

    /** The sessions' push debounce (session.push-debounce-ms). */
    long debounceMs();

    /** Stops every node. */
    @Override
    void close();
}
