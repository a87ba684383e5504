package io.roster.tools.cli.meta;

import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code roster meta add-peer HOST:PORT}: adds a meta node that already runs with meta.join=true. */
@Command(name = "add-peer", mixinStandardHelpOptions = true,
        description = {"Add a voting member to the meta group and wait until the new configuration is committed.",
                "Start the new node first with --set meta.join=true (it waits, outside the group, to be added)."})
final class AddPeerCommand extends OnePeerCommand {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The new node's meta address, as in meta.peers.")
    void setPeer(String address) {
        peer = address;
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        Membership before = admin.membership();
        if (before.peers().contains(peer)) {
            // JRaft would refuse with a bare precondition message; say it plainly
            throw new MetaCallException(peer + " is already a member: peers " + members(before));
        }
        VerifiedChange change = change(admin, "add-peer " + peer, () -> admin.addPeer(peer), m -> m.peers().contains(peer));
        if (json()) {
            Map<String, Object> report = ChangeReport.json("add-peer", peer, change.after());
            report.put("lostAnswer", change.lostAnswer());
            JsonOutput.print(out, report);
        } else {
            out.println("added " + peer + "; " + peersLine(change.after()) + change.note());
        }
        return 0;
    }
}
