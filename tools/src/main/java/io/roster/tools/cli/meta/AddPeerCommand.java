package io.roster.tools.cli.meta;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code roster meta add-peer HOST:PORT}: adds a meta node that already runs with meta.join=true. */
@Command(name = "add-peer", mixinStandardHelpOptions = true,
        description = {"Add a voting member to the meta group and wait until the new configuration is committed.",
                "Start the new node first with --set meta.join=true (it waits, outside the group, to be added)."})
final class AddPeerCommand extends MetaSubcommand {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The new node's meta address, as in meta.peers.")
    String peer;

    @Override
    void checkArguments() {
        peer = hostPort(peer);
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        Membership before = admin.membership();
        if (before.peers().contains(peer)) {
            // JRaft would refuse with a bare precondition message; say it plainly
            throw new MetaCallException(peer + " is already a member: peers " + members(before));
        }
        admin.addPeer(peer);
        Membership now = membershipAfterChange(admin);
        if (json()) {
            MetaTarget.printJson(out, ChangeReport.json("add-peer", peer, now));
        } else {
            out.println("added " + peer + "; " + peersLine(now));
        }
        return 0;
    }
}
