package io.roster.tools.cli;

import io.roster.common.config.ConfigException;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.SessionListReply;
import io.roster.common.wire.SessionListRequest;
import io.roster.tools.cli.meta.MetaTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code roster sessions}: the live session addresses as meta lists them, the list an SDK client configured with
 * {@code metaServers(...)} connects from; printed as {@code host:port,host:port}, ready for {@code sessions(...)}.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Print the live session addresses meta lists (what SDK clients built with metaServers use).")
public final class SessionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MetaTarget target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> servers;
        try {
            servers = target.servers();
        } catch (ConfigException e) {
            err.println("roster sessions: " + e.getMessage());
            return 2;
        }
        SessionListReply reply;
        try (RpcCaller caller = new RpcCaller()) {
            reply = new MetaClient(caller, servers, target.timeoutMs()).call(new SessionListRequest(),
                    SessionListReply.class, SessionListReply::leaderAddress);
        } catch (RpcFailure e) {
            err.println("roster sessions: " + e.getMessage());
            return 1;
        }
        if (!reply.ok()) {
            err.println("roster sessions: meta answered " + reply.code() + ": " + reply.message());
            return 1;
        }
        if (target.json()) {
            MetaTarget.printJson(out, Map.of("sessions", reply.sessions()));
        } else if (reply.sessions().isEmpty()) {
            err.println("roster sessions: meta lists no live session");
            return 1;
        } else {
            out.println(String.join(",", reply.sessions()));
        }
        out.flush();
        return 0;
    }
}
