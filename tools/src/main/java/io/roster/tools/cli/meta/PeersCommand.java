package io.roster.tools.cli.meta;

import io.roster.meta.MetaServer;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code roster meta peers}: every member, which one leads, and how each looks from the leader. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "List the meta group's members, its leader, and each member's state (leader, follower, learner, unreachable).")
final class PeersCommand extends MetaSubcommand {
    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        Membership m = admin.membership();
        if (json()) {
            JsonOutput.print(out, m.toJson());
            return 0;
        }
        out.println("meta group " + MetaServer.GROUP_ID + ": " + m.peers().size() + " peers"
                + (m.learners().isEmpty() ? "" : ", " + m.learners().size() + " learners") + ", leader " + m.leader());
        out.printf("%-24s %-8s %s%n", "ADDRESS", "VOTER", "STATE");
        for (Membership.Member row : m.members()) {
            out.printf("%-24s %-8s %s%n", row.address(), row.voter() ? "yes" : "learner", row.state().label());
        }
        return 0;
    }
}
