package io.roster.tools.cli.query;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code roster services}: every service registered in the cluster, with its publisher and subscriber counts. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = {"List the services (dataInfoIds) registered on every session, with publisher and subscriber counts.",
                "Asks the admin API (GET /api/services), which asks every session in the cluster."})
public final class ServicesCommand extends AdminQueryCommand {
    @Option(names = "--prefix", paramLabel = "P", description = "Only dataInfoIds starting with P.")
    String prefix;

    @Override
    String path() {
        return "/api/services";
    }

    @Override
    Map<String, String> parameters() {
        return Collections.singletonMap("prefix", prefix);
    }

    @Override
    List<QueryTable.Column> columns() {
        return List.of(QueryTable.Column.of("DATAID", "dataId"), QueryTable.Column.of("GROUP", "group"),
                QueryTable.Column.of("PUBLISHERS", "publishers"), QueryTable.Column.of("SUBSCRIBERS", "subscribers"));
    }
}
