package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code roster levers}: the incident levers in force (GET /api/levers). */
@Command(name = "levers", mixinStandardHelpOptions = true,
        description = {"Show the incident levers: client-off addresses, blacklisted IPs and dataId patterns, gray-push IPs,",
                "and the sessions whose pushes are stopped. Asked of meta's leader through a node's admin port."})
public final class LeversCommand extends AdminCommand {
    @Override
    JsonNode call(AdminOptions admin) {
        return admin.client().get("/api/levers", Map.of());
    }
}
