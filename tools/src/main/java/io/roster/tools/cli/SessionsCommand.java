package io.roster.tools.cli;

import io.roster.common.wire.SessionListReply;
import io.roster.common.wire.SessionListRequest;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code roster sessions}: the live session addresses as meta lists them, the list an SDK client configured with
 * {@code metaServers(...)} connects from; printed as {@code host:port,host:port}, ready for {@code sessions(...)}.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Print the live session addresses meta lists (what SDK clients built with metaServers use).")
public final class SessionsCommand extends MetaQueryCommand {
    @Override
    int run(PrintWriter out, PrintWriter err) {
        SessionListReply reply = ask(new SessionListRequest(), SessionListReply.class, SessionListReply::leaderAddress);
        if (meta.json()) {
            JsonOutput.print(out, Map.of("sessions", reply.sessions()));
        } else if (reply.sessions().isEmpty()) {
            return fail(err, "meta lists no live session", 1);
        } else {
            out.println(String.join(",", reply.sessions()));
        }
        return 0;
    }
}
