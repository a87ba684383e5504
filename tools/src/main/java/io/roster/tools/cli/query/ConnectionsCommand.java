package io.roster.tools.cli.query;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code roster connections}: the client connections of one session or of all. */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = {"List the client connections with registrations: client id and address, app, session, connection",
                "time, publishers and subscribers. Asks the admin API (GET /api/connections)."})
public final class ConnectionsCommand extends AdminQueryCommand {
    @Option(names = "--session", paramLabel = "HOST:PORT", description = "Only this session (default: every session).")
    String session;

    @Override
    String path() {
        return "/api/connections";
    }

    @Override
    Map<String, String> parameters() {
        return Collections.singletonMap("session", session);
    }

    @Override
    List<QueryTable.Column> columns() {
        return List.of(QueryTable.Column.of("CLIENT", "clientAddress"), QueryTable.Column.of("CLIENT ID", "clientId"),
                QueryTable.Column.of("APP", "app"), QueryTable.Column.of("SESSION", "session"),
                QueryTable.Column.of("CONNECTED", "connectedAt"), QueryTable.Column.of("PUBLISHERS", "publishers"),
                QueryTable.Column.of("SUBSCRIBERS", "subscribers"));
    }
}
