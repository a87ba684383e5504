package io.roster.tools.cli.acl;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code roster acl list|allow|deny|token}: the client ACL (application tokens and allow rules) through a node's admin
 * API, which forwards to the meta leader; changes need the admin token. Enforced by sessions started with
 * {@code security.client-auth=true}.
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = {"Client authentication and authorization: application tokens and the rules of which app may publish",
                "or subscribe to which dataIds. Sessions enforce them when started with security.client-auth=true.",
                "Changes go through the admin API and need the admin token (--token-file or ROSTER_ADMIN_TOKEN)."},
        subcommands = {AclCommand.ListCommand.class, AclCommand.AllowCommand.class, AclCommand.DenyCommand.class,
                AclCommand.TokenCommand.class})
public final class AclCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand, show what there is. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the tokens (by id) and the allow rules.")
    static final class ListCommand extends AclSubcommand {
        @Override
        int run(PrintWriter out, PrintWriter err) {
            print(out, admin.client().get("/api/acl", Map.of()));
            return 0;
        }
    }

    /** A rule's words: APP publish|subscribe PATTERN. */
    abstract static class RuleCommand extends AclSubcommand {
        @Parameters(index = "0", paramLabel = "APP", description = "The application.")
        String app;

        @Parameters(index = "1", paramLabel = "publish|subscribe", description = "What the rule lets the app do.")
        String action;

        @Parameters(index = "2", paramLabel = "PATTERN", description = "dataId glob: * matches any run of characters.")
        String pattern;

        int send(PrintWriter out, String op) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("op", op);
            body.put("app", app);
            body.put("action", action);
            body.put("pattern", pattern);
            return change(out, body);
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Add the rule 'allow APP publish|subscribe PATTERN'.")
    static final class AllowCommand extends RuleCommand {
        @Override
        int run(PrintWriter out, PrintWriter err) {
            return send(out, "allow");
        }
    }

    @Command(name = "deny", aliases = "remove", mixinStandardHelpOptions = true,
            description = "Remove the rule 'allow APP publish|subscribe PATTERN' (what no rule allows is refused).")
    static final class DenyCommand extends RuleCommand {
        @Override
        int run(PrintWriter out, PrintWriter err) {
            return send(out, "deny");
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Create or revoke application tokens.",
            subcommands = {TokenCreateCommand.class, TokenRevokeCommand.class})
    static final class TokenCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Make a new random token for APP (an app holds at most 2 live tokens, for rotation).",
                    "Prints the token alone on stdout, once: meta keeps only its SHA-256. Give it to the app as",
                    "ROSTER_APP=APP ROSTER_APP_TOKEN=TOKEN, or RosterClient.builder().credentials(APP, TOKEN).",
                    "When meta's write timed out (it may still commit) the token is printed all the same, with a",
                    "warning on stderr and exit 1: 'roster acl list' shows whether its id was stored."})
    static final class TokenCreateCommand extends AclSubcommand {
        @Parameters(index = "0", paramLabel = "APP", description = "The application.")
        String app;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            JsonNode answer = admin.client().post("/api/acl", Map.of("op", "token-create", "app", app));
            JsonNode created = answer.path("created");
            boolean inDoubt = created.path("inDoubt").asBoolean(false);
            if (admin.json()) {
                JsonOutput.print(out, created);
            } else {
                out.println(created.path("token").asText());
                err.println(inDoubt ? "roster acl: " + created.path("warning").asText()
                        : "token " + created.path("id").asText() + " of app " + app + " created; it is shown only now");
            }
            // in doubt: the token is printed (it may be live) but the command did not succeed for sure
            return inDoubt ? 1 : 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke APP's token ID (as 'roster acl list' shows it), or all its live tokens without ID.")
    static final class TokenRevokeCommand extends AclSubcommand {
        @Parameters(index = "0", paramLabel = "APP", description = "The application.")
        String app;

        @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The token's id; omitted: all of APP's tokens.")
        String id;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("op", "token-revoke");
            body.put("app", app);
            body.put("id", id == null ? "" : id);
            return change(out, body);
        }
    }
}
