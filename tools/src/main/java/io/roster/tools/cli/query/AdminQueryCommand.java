package io.roster.tools.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.config.ConfigException;
import io.roster.tools.admin.AdminCallException;
import io.roster.tools.options.AdminOptions;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The shape of the query commands (services, publishers, subscribers, connections, registrations): one GET of the
 * admin query API through {@link AdminOptions}, printed as a text table, or with {@code --output json} as the API's
 * JSON. A failure is one line {@code roster NAME: problem} on stderr: exit 2 for bad options, 1 when the admin port
 * could not be reached or answered an error (its message is shown as is).
 */
abstract class AdminQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N items (default: 0).")
    Integer offset;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N items, 1..1000 (default: 100).")
    Integer limit;

    /** The API path, e.g. /api/services. */
    abstract String path();

    /** The command's own query parameters (null values are left out). */
    abstract Map<String, String> parameters();

    /** The table's columns. */
    abstract List<QueryTable.Column> columns();

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, String> query = new LinkedHashMap<>(parameters());
            query.put("offset", offset == null ? null : offset.toString());
            query.put("limit", limit == null ? null : limit.toString());
            JsonNode answer = admin.client().get(path(), query);
            if (admin.json()) {
                JsonOutput.print(out, answer);
            } else {
                QueryTable.print(out, columns(), answer);
            }
            return 0;
        } catch (ConfigException e) {
            return fail(err, e.getMessage(), 2);
        } catch (AdminCallException e) {
            return fail(err, e.getMessage(), 1);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int fail(PrintWriter err, String problem, int exitCode) {
        err.println("roster " + spec.name() + ": " + problem);
        return exitCode;
    }
}
