package io.roster.tools.cli.query;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code roster publishers DATAID}: who publishes a service, from where. */
@Command(name = "publishers", mixinStandardHelpOptions = true,
        description = {"List the publishers of DATAID on every session: client address, app, session, connection time, version, data.",
                "Asks the admin API (GET /api/publishers)."})
public final class PublishersCommand extends AdminQueryCommand {
    @Parameters(index = "0", paramLabel = "DATAID", description = "The service's dataId.")
    String dataId;

    @Option(names = "--group", paramLabel = "G", description = "Only this group (default: every group).")
    String group;

    @Override
    String path() {
        return "/api/publishers";
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("dataId", dataId);
        q.put("group", group);
        return q;
    }

    @Override
    List<QueryTable.Column> columns() {
        return List.of(QueryTable.Column.of("CLIENT", "clientAddress"), QueryTable.Column.of("APP", "app"),
                QueryTable.Column.of("SESSION", "session"), QueryTable.Column.of("CONNECTED", "connectedAt"),
                QueryTable.Column.group(),
                QueryTable.Column.of("VERSION", "version"),
                new QueryTable.Column("OFF", item -> item.path("off").asBoolean() ? "off" : ""),
                QueryTable.Column.of("DATA", "dataItems"));
    }
}
