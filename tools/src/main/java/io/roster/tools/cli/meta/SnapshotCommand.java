package io.roster.tools.cli.meta;

import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code roster meta snapshot [HOST:PORT]}: makes one member, or every one, take a Raft snapshot now. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Make a meta member take a Raft snapshot now (default: every member and learner).")
final class SnapshotCommand extends MetaSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", description = "One member (default: all).")
    String peer;

    @Override
    void checkArguments() {
        if (peer != null) {
            peer = hostPort(peer);
        }
    }

    @Override
    int run(MetaAdmin admin, PrintWriter out, PrintWriter err) {
        List<String> targets = new ArrayList<>();
        if (peer != null) {
            targets.add(peer);
        } else {
            Membership m = admin.membership();
            targets.addAll(m.peers());
            targets.addAll(m.learners());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int failed = 0;
        for (String t : targets) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("peer", t);
            try {
                admin.snapshot(t);
                r.put("ok", true);
                if (!json()) {
                    out.println("snapshot taken on " + t);
                }
            } catch (MetaCallException e) {
                failed++;
                r.put("ok", false);
                r.put("error", e.getMessage());
                err.println("roster meta snapshot: " + e.getMessage());
            }
            results.add(r);
        }
        if (json()) {
            JsonOutput.print(out, Map.of("snapshots", results));
        }
        return failed == 0 ? 0 : 1;
    }
}
