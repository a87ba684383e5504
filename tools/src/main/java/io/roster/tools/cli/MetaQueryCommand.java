package io.roster.tools.cli;

import io.roster.common.config.ConfigException;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.common.wire.Reply;
import io.roster.tools.options.MetaOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
            return run(out, err);
        } catch (ConfigException e) {
            return fail(err, e.getMessage(), 2);
        } catch (RpcFailure | Refused e) {
            return fail(err, e.getMessage(), 1);
        } finally {
            out.flush();
            err.flush();
        }
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
        try (RpcCaller caller = new RpcCaller()) {
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
