package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roster gray-push add|remove IP}. */
@Command(name = "gray-push", mixinStandardHelpOptions = true,
        description = {"While the push switch is off (roster push off), still push to clients at these IPs:",
                "try a change on a few hosts first."})
public final class GrayPushCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "add|remove", description = "Add or remove the IP.")
    String action;

    @Parameters(index = "1", paramLabel = "IP", description = "An IPv4 or IPv6 literal.")
    String value;

    @Override
    JsonNode call(AdminOptions admin) {
        return setLever(admin, "gray-push", value, AddRemove.on(action));
    }
}
