package io.roster.tools.cli;

import io.roster.common.model.Switch;
import io.roster.common.wire.SwitchReply;
import io.roster.common.wire.SwitchRequest;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code roster push on|off|status}: the cluster-wide push switch kept by meta. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Turn pushes to subscribers off or on for the whole cluster, or show the switch.",
                "While off, registrations keep flowing and data keeps changing; nothing is pushed.",
                "Turning it on pushes the latest data of everything that changed meanwhile to its subscribers."})
public final class PushCommand extends MetaQueryCommand {
    @Parameters(index = "0", paramLabel = "on|off|status", description = "What to do.")
    String action;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        SwitchRequest request;
        switch (action) {
            case "on" -> request = new SwitchRequest(Switch.PUSH.key(), true, true);
            case "off" -> request = new SwitchRequest(Switch.PUSH.key(), true, false);
            case "status" -> request = SwitchRequest.read();
            default -> {
                return fail(err, "expected on, off or status, not '" + action + "'", 2);
            }
        }
        boolean on = ask(request, SwitchReply.class, SwitchReply::leaderAddress).switches().pushEnabled();
        if (meta.json()) {
            JsonOutput.print(out, Map.of("push", on ? "on" : "off"));
        } else {
            out.println("push " + (on ? "on" : "off"));
        }
        return 0;
    }
}
