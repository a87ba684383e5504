package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roster client-off IP[:PORT]}: that host's publishers leave every push; its clients stay connected. */
@Command(name = "client-off", mixinStandardHelpOptions = true,
        description = {"Take the publishers of a client address (IP, or IP:PORT for one connection) out of every push at once.",
                "The clients stay connected and keep registering; their publishers are held by their session until client-on."})
public final class ClientOffCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "IP[:PORT]", description = "An IPv4 or IPv6 literal, optionally with a port.")
    String value;

    @Override
    JsonNode call(AdminOptions admin) {
        return setLever(admin, "client-off", value, true);
    }
}
