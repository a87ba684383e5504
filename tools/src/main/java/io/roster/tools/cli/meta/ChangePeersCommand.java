package io.roster.tools.cli.meta;

import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code roster meta change-peers H:P,H:P,...}: moves the group to exactly these members through joint consensus. */
@Command(name = "change-peers", mixinStandardHelpOptions = true,
        description = {"Replace the meta group's members with exactly the given ones (joint consensus).",
                "New members must already run with meta.join=true; removed members keep running: stop them yourself."})
final class ChangePeersCommand extends MetaSubcommand {
    @Parameters(index = "0", paramLabel = "HOST:PORT,...", description = "The complete new member list.")
    String peerList;

    private List<String> peers;

    @Override
    void checkArguments() {
        Set<String> unique = new LinkedHashSet<>();
        for (String p : peerList.split(",")) {
            if (p.isBlank()) {
                continue;
            }
            String address = hostPort(p.trim());
            if (!unique.add(address)) {
                throw new IllegalArgumentException(address + " is listed twice");
            }
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("no peer given");
        }
        peers = List.copyOf(unique);
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        Membership before = admin.membership();
        Set<String> wanted = Set.copyOf(peers);
        VerifiedChange change = change(admin, "change-peers " + String.join(",", peers), () -> admin.changePeers(peers),
                m -> Set.copyOf(m.peers()).equals(wanted));
        Membership now = change.after();
        List<String> removed = new ArrayList<>(before.peers());
        removed.removeAll(peers);
        // JRaft never stops a removed node: name the ones still running, for the operator to stop
        removed.removeIf(p -> !stillRunning(p));
        if (json()) {
            Map<String, Object> report = ChangeReport.json("change-peers", peers, now);
            report.put("before", before.peers());
            report.put("removedStillRunning", removed);
            report.put("lostAnswer", change.lostAnswer());
            JsonOutput.print(out, report);
        } else {
            out.println("changed peers from " + String.join(", ", before.peers()) + " to " + String.join(", ", peers) + "; "
                    + peersLine(now) + (removed.isEmpty() ? ""
                    : "; " + String.join(", ", removed) + (removed.size() == 1 ? " keeps" : " keep")
                    + " running outside the group: stop " + (removed.size() == 1 ? "it" : "them") + " yourself")
                    + change.note());
        }
        return 0;
    }
}
