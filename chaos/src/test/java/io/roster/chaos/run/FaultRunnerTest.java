package io.roster.chaos.run;

import io.roster.chaos.history.HistoryWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner against a recording fake cluster: what each fault kind does, and a pair that overlaps. */
class FaultRunnerTest {
    /** Records every call; does nothing. */
    private static final class FakeCluster implements ClusterControl {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<Target> targets = List.of(
                new Target("meta-1", "meta", "127.0.0.1:1001"), new Target("meta-2", "meta", "127.0.0.1:1002"),
                new Target("meta-3", "meta", "127.0.0.1:1003"),
                new Target("data-1", "data", "127.0.0.1:2001"), new Target("data-2", "data", "127.0.0.1:2002"),
                new Target("session-1", "session", "127.0.0.1:3001"),
                new Target("session-2", "session", "127.0.0.1:3002"));

        @Override public List<Target> targets() { return targets; }
        @Override public List<String> metaAddresses() { return List.of(); }
        @Override public List<String> sessionAddresses() { return List.of(); }
        @Override public void kill(Target t) { calls.add("kill " + t.name()); }
        @Override public void restart(Target t) { calls.add("restart " + t.name()); }
        @Override public void pause(Target t) { calls.add("pause " + t.name()); }
        @Override public void resume(Target t) { calls.add("resume " + t.name()); }
        @Override public void restartSkewed(Target t, long skewMs) { calls.add("skew " + t.name() + " " + skewMs); }
        @Override public void partition(Target t, List<Target> peers) {
            calls.add("cut " + t.name() + " " + peers.stream().map(Target::name).toList());
        }
        @Override public void heal(Target t, List<Target> peers) {
            calls.add("heal " + t.name() + " " + peers.stream().map(Target::name).toList());
        }
        @Override public java.util.Optional<String> metaLeader() { return java.util.Optional.of("127.0.0.1:1002"); }
        @Override public long leaseMs() { return 3000; }
        @Override public long debounceMs() { return 20; }
        @Override public void close() { }
    }

    private final FakeCluster cluster = new FakeCluster();
    private final StringWriter out = new StringWriter();

    private List<String> play(List<PlannedFault> plan) {
        try (HistoryWriter history = new HistoryWriter(out)) {
            FaultRunner runner = new FaultRunner(cluster, plan, history, new RunClock());
            runner.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (cluster.calls.size() < 2 * callsExpected(plan) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            runner.stopAndRestore();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return List.copyOf(cluster.calls);
    }

    private static int callsExpected(List<PlannedFault> plan) {
        return plan.stream().mapToInt(f -> f.second() == null ? 1 : 2).sum();
    }

    @Test
    @Timeout(60)
    void everyNewKindIsDoneAndUndone() {
        List<String> calls = play(List.of(
                new PlannedFault(0, FaultKind.SKEW_DATA, 9, 50),
                new PlannedFault(0, FaultKind.SKEW_DATA, 11, 50),
                new PlannedFault(0, FaultKind.PARTITION_DATA_META, 1, 50),
                new PlannedFault(0, FaultKind.PARTITION_META_LEADER, 0, 50),
                new PlannedFault(0, FaultKind.PARTITION_SESSION_DATA, 3, 50)));

        assertThat(calls).containsExactly(
                "skew data-2 300000", "restart data-2",
                "skew data-2 -300000", "restart data-2",
                "cut data-2 [meta-1, meta-2, meta-3]", "heal data-2 [meta-1, meta-2, meta-3]",
                "cut meta-2 [meta-1, meta-3]", "heal meta-2 [meta-1, meta-3]", // the leader, not meta-1 by index
                "cut session-2 [data-2]", "heal session-2 [data-2]");
        assertThat(out.toString()).contains("\"kind\":\"partition\",\"role\":\"session-data\","
                + "\"target\":\"127.0.0.1:3002/127.0.0.1:2002\",\"phase\":\"start\"");
        assertThat(out.toString()).contains("\"kind\":\"skew\",\"role\":\"data\",\"target\":\"127.0.0.1:2002\"");
    }

    @Test
    @Timeout(60)
    void theSecondFaultOfAPairStartsWhileTheFirstLasts() {
        List<String> calls = play(List.of(new PlannedFault(0, FaultKind.PAUSE_SESSION, 0, 600,
                new PlannedFault.Overlap(200, FaultKind.KILL_DATA, 1, 100))));

        // The data node is killed and back while the session is still paused.
        assertThat(calls).containsExactly("pause session-1", "kill data-2", "restart data-2", "resume session-1");
    }
}
