package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roster client-on IP[:PORT]}: undoes {@code client-off}; the held publishers are published again. */
@Command(name = "client-on", mixinStandardHelpOptions = true,
        description = "Undo client-off of an address: its publishers come back in every push, without the clients reconnecting.")
public final class ClientOnCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "IP[:PORT]", description = "The address exactly as given to client-off.")
    String value;

    @Override
    JsonNode call(AdminOptions admin) {
        return setLever(admin, "client-off", value, false);
    }
}
