package io.roster.tools.cli.query;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code roster subscribers DATAID}: who subscribes to a service, from where, and what it was pushed. */
@Command(name = "subscribers", mixinStandardHelpOptions = true,
        description = {"List the subscribers of DATAID on every session: client address, app, session, connection time,",
                "the version last pushed to it (-1: none yet). Asks the admin API (GET /api/subscribers)."})
public final class SubscribersCommand extends AdminQueryCommand {
    @Parameters(index = "0", paramLabel = "DATAID", description = "The service's dataId.")
    String dataId;

    @Option(names = "--group", paramLabel = "G", description = "Only this group (default: every group).")
    String group;

    @Override
    String path() {
        return "/api/subscribers";
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
                QueryTable.Column.group(), QueryTable.Column.of("PUSHED", "pushedVersion"));
    }
}
