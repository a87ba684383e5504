package io.roster.tools.cli;

import io.roster.common.config.ConfigException;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.model.Switch;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.SwitchReply;
import io.roster.common.wire.SwitchRequest;
import io.roster.tools.cli.meta.MetaTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code roster push on|off|status}: the cluster-wide push switch kept by meta. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Turn pushes to subscribers off or on for the whole cluster, or show the switch.",
                "While off, registrations keep flowing and data keeps changing; nothing is pushed.",
                "Turning it on pushes the latest data of everything that changed meanwhile to its subscribers."})
public final class PushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MetaTarget target;

    @Parameters(index = "0", paramLabel = "on|off|status", description = "What to do.")
    String action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SwitchRequest request;
        switch (action) {
            case "on" -> request = new SwitchRequest(Switch.PUSH.key(), true, true);
            case "off" -> request = new SwitchRequest(Switch.PUSH.key(), true, false);
            case "status" -> request = SwitchRequest.read();
            default -> {
                err.println("roster push: expected on, off or status, not '" + action + "'");
                return 2;
            }
        }
        SwitchReply reply;
        try (RpcCaller caller = new RpcCaller()) {
            reply = new MetaClient(caller, target.servers(), target.timeoutMs()).call(request, SwitchReply.class,
                    SwitchReply::leaderAddress);
        } catch (ConfigException e) {
            err.println("roster push: " + e.getMessage());
            return 2;
        } catch (RpcFailure e) {
            err.println("roster push: " + e.getMessage());
            return 1;
        }
        if (!reply.ok()) {
            err.println("roster push: meta answered " + reply.code() + ": " + reply.message());
            return 1;
        }
        boolean on = reply.switches().pushEnabled();
        if (target.json()) {
            MetaTarget.printJson(out, Map.of("push", on ? "on" : "off"));
        } else {
            out.println("push " + (on ? "on" : "off"));
        }
        out.flush();
        return 0;
    }
}
