package io.roster.tools.cli.meta;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;
import io.roster.tools.options.MetaOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every {@code roster meta} subcommand shares: resolve the addresses, open a {@link MetaAdmin}, and turn
 * failures into one line on stderr: exit 2 for a bad address or option, exit 1 when meta does not answer or refuses.
 */
abstract class MetaSubcommand implements Callable<Integer> {
    private static final long POLL_MS = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    MetaOptions target;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "roster meta " + spec.name();
        List<String> servers;
        try {
            servers = target.servers();
            checkArguments();
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
        try (MetaAdmin admin = new JRaftMetaAdmin(servers, target.timeoutMs())) {
            return run(admin, out, err);
        } catch (MetaCallException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Validates the positional arguments; throws IllegalArgumentException naming the bad one. */
    void checkArguments() {
    }

    /** Does the work and prints the result; returns the exit code. */
    abstract int run(MetaAdmin admin, PrintWriter out, PrintWriter err);

    boolean json() {
        return target.json();
    }

    /**
     * Repeats {@code attempt} until its result satisfies {@code done} or --timeout-ms runs out; returns the last
     * result (null if every attempt failed). Used after a change, while the group may still be electing.
     */
    <T> T pollUntil(Supplier<T> attempt, Predicate<T> done) {
        long deadline = System.nanoTime() + target.timeoutMs() * 1_000_000L;
        T last = null;
        while (true) {
            try {
                last = attempt.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (MetaCallException e) {
                // not settled yet; try again until the deadline
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    /**
     * Makes a membership change and returns the group once it shows it. JRaft's answer alone proves nothing either
     * way: some calls answer OK and change nothing, and a call that timed out may still commit. So this reads the
     * membership until {@code shows} holds, and fails with one line saying what the group looks like when it does not.
     *
     * @param what  the change, as the operator typed it (e.g. "add-peer 127.0.0.1:9001")
     * @param call  the change itself; a refusal is passed on as is
     * @param shows whether a membership includes the change
     */
    VerifiedChange change(MetaAdmin admin, String what, Runnable call, Predicate<Membership> shows) {
        String lostAnswer = null;
        try {
            call.run();
        } catch (MetaCallException e) {
            if (!e.unanswered()) {
                throw e;
            }
            lostAnswer = e.getMessage();
        }
        Membership now = pollUntil(admin::membership, shows);
        if (now != null && shows.test(now)) {
            return new VerifiedChange(now, lostAnswer);
        }
        String seen = now == null ? "the group did not list its members within " + target.timeoutMs() + " ms"
                : "after " + target.timeoutMs() + " ms the group has " + describe(now);
        if (lostAnswer != null) {
            throw new MetaCallException(lostAnswer + "; " + seen + ", so " + what
                    + " has not taken effect, though JRaft may still complete it (check with roster meta peers)");
        }
        throw new MetaCallException("meta accepted " + what + ", but " + seen);
    }

    /** The group after a change, for the line a command prints. */
    static String peersLine(Membership m) {
        return "peers now " + members(m);
    }

    static String members(Membership m) {
        return String.join(", ", m.peers()) + " (leader " + m.leader() + ")"
                + (m.learners().isEmpty() ? "" : "; learners " + String.join(", ", m.learners()));
    }

    private static String describe(Membership m) {
        return "peers " + members(m) + (m.learners().isEmpty() ? "; no learners" : "");
    }

    /** Whether a process still listens on a meta address (JRaft never stops a node it removed). */
    boolean stillRunning(String address) {
        return TcpProbe.listening(address, Math.min(target.timeoutMs(), 1_000));
    }

    /** Validates a host:port argument and returns it as given (JRaft names peers by that exact text). */
    static String hostPort(String text) {
        return HostPort.parse(text).toString();
    }
}
