package io.roster.tools.cli.lever;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.config.ConfigException;
import io.roster.tools.admin.AdminCallException;
import io.roster.tools.options.AdminOptions;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The shape of the incident-lever commands: one call to a node's admin API ({@link AdminOptions}: --admin, the token
 * from --token-file or ROSTER_ADMIN_TOKEN), then the levers (or the session's state) printed as text or JSON. A
 * failure is one line {@code roster NAME: problem} on stderr: exit 2 for bad options, 1 when the call failed.
 */
abstract class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode answer = call(admin);
            if (admin.json()) {
                JsonOutput.print(out, answer);
            } else {
                printText(out, answer);
            }
            return 0;
        } catch (ConfigException e) {
            err.println("roster " + spec.qualifiedName(" ").replaceFirst("^roster ", "") + ": " + e.getMessage());
            return 2;
        } catch (AdminCallException e) {
            err.println("roster " + spec.qualifiedName(" ").replaceFirst("^roster ", "") + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The one admin call of this command. */
    abstract JsonNode call(AdminOptions admin);

    void printText(PrintWriter out, JsonNode answer) {
        printLevers(out, answer);
    }

    /** POST /api/levers: {@code value} added to ({@code on}) or removed from {@code lever}. */
    static JsonNode setLever(AdminOptions admin, String lever, String value, boolean on) {
        return admin.client().post("/api/levers", Map.of("lever", lever, "value", value, "on", on));
    }

    /** The levers as {@code roster levers} prints them. */
    static void printLevers(PrintWriter out, JsonNode levers) {
        out.println("push switch: " + (levers.path("pushEnabled").asBoolean(true) ? "on" : "off")
                + "   levers version: " + levers.path("version").asLong());
        line(out, "client-off", levers.path("clientOff"));
        line(out, "blacklist-ip", levers.path("blacklistIps"));
        line(out, "blacklist-dataid", levers.path("blacklistDataIds"));
        line(out, "gray-push", levers.path("grayPushIps"));
        line(out, "sessions push-stopped", levers.path("sessionsPushStopped"));
    }

    private static void line(PrintWriter out, String name, JsonNode values) {
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asText()));
        out.printf("%-22s %s%n", name + ":", list.isEmpty() ? "-" : String.join(", ", list));
    }
}
