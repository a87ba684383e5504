package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.config.ConfigException;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code roster session stop-push|start-push}: one session's emergency stop, which needs no meta. */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = {"Stop (or start again) every push of the session at --admin, gray pushes included. Works while meta",
                "is unreachable; kept across the session's restarts; shown in roster status and /health."})
public final class SessionCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "stop-push|start-push", description = "What to do.")
    String action;

    @Override
    JsonNode call(AdminOptions admin) {
        boolean stopped = switch (action) {
            case "stop-push" -> true;
            case "start-push" -> false;
            default -> throw new ConfigException("expected stop-push or start-push, not '" + action + "'");
        };
        return admin.client().post("/api/session/stop-push", Map.of("stopped", stopped));
    }

    @Override
    void printText(PrintWriter out, JsonNode answer) {
        out.println("session " + answer.path("session").asText() + ": pushes "
                + (answer.path("pushStopped").asBoolean() ? "stopped" : "running"));
    }
}
