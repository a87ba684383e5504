package io.roster.tools.cli;

import io.roster.common.config.ConfigException;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.tools.options.CliTls;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.Reply;
import io.roster.tools.options.MetaOptions;
import io.roster.tools.options.WatchOption;
import io.roster.tools.output.WatchLoop;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The shape of the commands that put one question to the meta leader (status, nodes, slots, sessions, push): resolve
 * the addresses, ask, print; a failure is one line {@code roster NAME: problem} on stderr, exit 2 for bad options or
 * addresses, exit 1 when no meta answers or the leader answers with an error.
 */
abstract class MetaQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MetaOptions meta;

    /** Meta's error answer, as the operator sees it. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            WatchOption watch = watch();
            if (watch == null || !watch.enabled()) {
                return once(out, err);
            }
            Duration interval;
            try {
                interval = watch.interval();
            } catch (ConfigException e) {
                return fail(err, e.getMessage(), 2);
            }
            boolean terminal = WatchLoop.stdoutIsTerminal();
            // on a terminal the next frame clears the screen, so a failed poll says why in its frame
            return WatchLoop.untilStopped(out, terminal, interval).run(frame -> once(frame, terminal ? frame : err));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One question and its answer; failures become one line on {@code err} and the exit code. */
    private int once(PrintWriter out, PrintWriter err) {
        try {
            return run(out, err);
        } catch (ConfigException e) {
            return fail(err, e.getMessage(), 2);
        } catch (RpcFailure | Refused e) {
            return fail(err, e.getMessage(), 1);
        } finally {
            err.flush();
        }
    }

    /** The --watch option of the commands that have one (status, nodes, slots); null for the others. */
    WatchOption watch() {
        return null;
    }

    /** Asks and prints; returns the exit code. Failures of {@link #ask} are reported by the caller of this. */
    abstract int run(PrintWriter out, PrintWriter err);

    /** Prints {@code roster NAME: problem} and returns {@code exitCode}. */
    final int fail(PrintWriter err, String problem, int exitCode) {
        err.println("roster " + spec.name() + ": " + problem);
        return exitCode;
    }

    /** The leader's OK answer to {@code request} (following redirects through the meta addresses). */
    final <R extends Reply> R ask(Object request, Class<R> replyType, Function<R, String> leaderOf) {
        List<String> servers = meta.servers();
        R reply;
        try (RpcCaller caller = new RpcCaller(CliTls.outgoing())) {
            reply = new MetaClient(caller, servers, meta.timeoutMs()).call(request, replyType, leaderOf);
        }
        if (!reply.ok()) {
            throw new Refused("meta answered " + reply.code() + ": " + reply.message());
        }
        return reply;
    }

    /** The cluster as the meta leader sees it. */
    final ClusterStatusReply clusterStatus() {
        return ask(new ClusterStatusRequest("roster-cli"), ClusterStatusReply.class, ClusterStatusReply::leaderAddress);
    }
}
