package io.roster.tools.cli.meta;

import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code roster meta transfer-leader HOST:PORT}: hands leadership to a member and waits until it leads. */
@Command(name = "transfer-leader", mixinStandardHelpOptions = true,
        description = "Move meta leadership to the given member and wait (up to --timeout-ms) until it leads.")
final class TransferLeaderCommand extends OnePeerCommand {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The member to lead, as in meta.peers.")
    void setPeer(String address) {
        peer = address;
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        String from = admin.leader();
        if (!from.equals(peer)) {
            admin.transferLeader(peer);
            // JRaft answers once the hand-over has started; the target still has to win its election.
            String now = pollUntil(admin::leader, peer::equals);
            if (!peer.equals(now)) {
                throw new MetaCallException(from + " accepted transfer-leader " + peer + ", but after " + target.timeoutMs()
                        + " ms the leader is " + (now == null ? "unknown" : now));
            }
        }
        if (json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", "transfer-leader");
            m.put("from", from);
            m.put("leader", peer);
            JsonOutput.print(out, m);
        } else {
            out.println(from.equals(peer) ? peer + " already leads" : "leadership moved from " + from + " to " + peer);
        }
        return 0;
    }
}
