package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.config.ConfigException;
import io.roster.tools.options.AdminOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code roster blacklist add|remove ip|dataid VALUE}. */
@Command(name = "blacklist", mixinStandardHelpOptions = true,
        description = {"Refuse registrations from an IP or of dataIds matching a pattern (* = any characters), and remove",
                "those already registered; remove the entry to let them in again."})
public final class BlacklistCommand extends AdminCommand {
    @Parameters(index = "0", paramLabel = "add|remove", description = "Add or remove the entry.")
    String action;

    @Parameters(index = "1", paramLabel = "ip|dataid", description = "What VALUE is.")
    String kind;

    @Parameters(index = "2", paramLabel = "VALUE", description = "An IP literal, or a dataId pattern such as com.example.*")
    String value;

    @Override
    JsonNode call(AdminOptions admin) {
        String lever = switch (kind) {
            case "ip" -> "blacklist-ip";
            case "dataid" -> "blacklist-dataid";
            default -> throw new ConfigException("expected ip or dataid, not '" + kind + "'");
        };
        return setLever(admin, lever, value, AddRemove.on(action));
    }
}
