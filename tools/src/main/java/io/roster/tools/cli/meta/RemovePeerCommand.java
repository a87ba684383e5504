package io.roster.tools.cli.meta;

import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code roster meta remove-peer HOST:PORT}: takes a voter or a learner out of the group; its process keeps running. */
@Command(name = "remove-peer", mixinStandardHelpOptions = true,
        description = {"Remove a member (voter or learner) from the meta group (removing the leader makes it step down).",
                "The removed node keeps running outside the group: stop it yourself."})
final class RemovePeerCommand extends OnePeerCommand {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The member's meta address, as in meta.peers.")
    void setPeer(String address) {
        peer = address;
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        Membership before = admin.membership();
        if (!before.peers().contains(peer) && !before.learners().contains(peer)) {
            // JRaft answers OK to removing a non-member, which would read as success
            throw new MetaCallException(peer + " is not a member: peers " + members(before));
        }
        // JRaft's removePeer answers OK for a learner and leaves it in place: learners have their own call
        boolean learner = !before.peers().contains(peer);
        VerifiedChange change = learner
                ? change(admin, "remove-peer " + peer, () -> admin.removeLearner(peer), m -> !m.learners().contains(peer))
                : change(admin, "remove-peer " + peer, () -> admin.removePeer(peer), m -> !m.peers().contains(peer));
        Membership now = change.after();
        // JRaft never stops a removed node; tell the operator whether there is still a process to stop
        String note = stillRunning(peer)
                ? peer + " keeps running outside the group: stop it yourself" : peer + " is not running";
        if (json()) {
            Map<String, Object> report = ChangeReport.json("remove-peer", peer, now);
            report.put("learner", learner);
            report.put("lostAnswer", change.lostAnswer());
            report.put("note", note);
            JsonOutput.print(out, report);
        } else {
            out.println("removed " + (learner ? "learner " : "") + peer + "; " + peersLine(now) + "; " + note + change.note());
        }
        return 0;
    }
}
