package io.roster.tools.cli.acl;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.config.ConfigException;
import io.roster.tools.admin.AdminCallException;
import io.roster.tools.options.AdminOptions;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The shape of {@code roster acl ...}: one call to a node's admin API ({@link AdminOptions}), the answer printed as
 * text or JSON; a failure is one line {@code roster acl: problem} on stderr, exit 2 for bad options or input (a 400),
 * 1 otherwise (unreachable, 401/403 without the admin token, 503 without a meta leader).
 */
abstract class AclSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (ConfigException e) {
            err.println("roster acl: " + e.getMessage());
            return 2;
        } catch (AdminCallException e) {
            err.println("roster acl: " + e.getMessage());
            return e.status() == 400 ? 2 : 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    abstract int run(PrintWriter out, PrintWriter err);

    /** POSTs one change to /api/acl and prints the ACL after it. */
    int change(PrintWriter out, Map<String, Object> body) {
        print(out, admin.client().post("/api/acl", body));
        return 0;
    }

    /** The ACL as /api/acl answers it: JSON as is, or a text listing (tokens by id, never a token). */
    void print(PrintWriter out, JsonNode acl) {
        if (admin.json()) {
            JsonOutput.print(out, acl);
            return;
        }
        out.println("acl version " + acl.path("version").asLong());
        out.println("tokens:" + (acl.path("tokens").isEmpty() ? " none" : ""));
        for (JsonNode t : acl.path("tokens")) {
            out.printf("  %-24s %s %s%n", t.path("app").asText(), t.path("id").asText(),
                    t.path("revoked").asBoolean() ? "revoked" : "live");
        }
        out.println("rules:" + (acl.path("rules").isEmpty() ? " none" : ""));
        for (JsonNode r : acl.path("rules")) {
            out.println("  allow " + r.path("app").asText() + " " + r.path("action").asText() + " " + r.path("pattern").asText());
        }
    }
}
