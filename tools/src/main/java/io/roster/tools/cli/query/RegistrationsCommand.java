package io.roster.tools.cli.query;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code roster registrations --ip IP | --app APP}: everything one host or one application registered. */
@Command(name = "registrations", mixinStandardHelpOptions = true,
        description = {"List every publisher and subscriber registered by one client IP or one application, on every session.",
                "Asks the admin API (GET /api/registrations)."})
public final class RegistrationsCommand extends AdminQueryCommand {
    /** Exactly one of them. */
    static final class Who {
        @Option(names = "--ip", paramLabel = "IP", required = true, description = "The client's IP address.")
        String ip;

        @Option(names = "--app", paramLabel = "APP", required = true, description = "The client's application name.")
        String app;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Override
    String path() {
        return "/api/registrations";
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("ip", who.ip);
        q.put("app", who.app);
        return q;
    }

    @Override
    List<QueryTable.Column> columns() {
        return List.of(QueryTable.Column.of("KIND", "kind"), QueryTable.Column.of("DATAINFOID", "dataInfoId"),
                QueryTable.Column.of("CLIENT", "clientAddress"), QueryTable.Column.of("APP", "app"),
                QueryTable.Column.of("SESSION", "session"), QueryTable.Column.of("CONNECTED", "connectedAt"));
    }
}
