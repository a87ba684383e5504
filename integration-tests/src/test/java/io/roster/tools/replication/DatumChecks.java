package io.roster.tools.replication;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.datastore.DataServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares the copies data nodes hold with what the test expects, one line per difference. */
final class DatumChecks {
    private DatumChecks() {
    }

    /** Each dataInfoId's slot leader (in meta's table) holds exactly the expected registerIds. */
    static List<String> leaderMismatches(ReplicationCluster cluster, Registrations expected) {
        List<String> out = new ArrayList<>();
        for (String id : expected.dataInfoIds()) {
            String leader = cluster.leaderAddressOf(id);
            out.addAll(mismatches(cluster, leader, "leader", id, expected.expectedRegisterIds(id)));
        }
        return out;
    }

    /** Every holder of each dataInfoId's slot (leader and followers) holds exactly the expected registerIds. */
    static List<String> holderMismatches(ReplicationCluster cluster, Registrations expected) {
        List<String> out = new ArrayList<>();
        for (String id : expected.dataInfoIds()) {
            for (String holder : cluster.holdersOf(cluster.slotOf(id))) {
                out.addAll(mismatches(cluster, holder, "holder", id, expected.expectedRegisterIds(id)));
            }
        }
        return out;
    }

    private static List<String> mismatches(ReplicationCluster cluster, String address, String role, String id,
                                           Set<String> registerIds) {
        DataServer d = cluster.data(address);
        if (d == null) {
            return List.of(id + ": " + role + " '" + address + "' is not a live data node");
        }
        Set<String> held = registerIds(d.localDatum(id));
        if (held.equals(registerIds)) {
            return List.of();
        }
        return List.of(id + " on " + role + " " + address + ": " + diff(registerIds, held));
    }

    /**
     * For each dataInfoId of a slot {@code node} holds in meta's table, as leader or follower, its copy equals the
     * slot leader's (same version, same publishers). Returns the differences; {@code checked} gets the ids compared.
     */
    static List<String> copiesDifferingFromLeader(ReplicationCluster cluster, DataServer node, Registrations expected,
                                                  Set<String> checked) {
        List<String> out = new ArrayList<>();
        for (String id : expected.dataInfoIds()) {
            int slot = cluster.slotOf(id);
            if (!cluster.holdersOf(slot).contains(node.address())) {
                continue;
            }
            checked.add(id);
            DataServer leader = cluster.data(cluster.leaderAddressOf(id));
            if (leader == null) {
                out.add(id + ": slot " + slot + " has no live leader");
                continue;
            }
            Datum mine = node.localDatum(id);
            Datum theirs = leader.localDatum(id);
            if (version(mine) != version(theirs) || !registerIds(mine).equals(registerIds(theirs))) {
                out.add(id + " (slot " + slot + ") on " + node.address() + ": v" + version(mine) + " " + registerIds(mine).size()
                        + " publishers; leader " + leader.address() + ": v" + version(theirs) + " " + registerIds(theirs).size()
                        + " publishers " + diff(registerIds(theirs), registerIds(mine)));
            }
        }
        return out;
    }

    static Set<String> registerIds(Datum d) {
        return d == null ? Set.of() : d.publishers().stream().map(Publisher::registerId).collect(Collectors.toSet());
    }

    private static long version(Datum d) {
        return d == null ? 0 : d.version();
    }

    private static String diff(Set<String> expected, Set<String> got) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(expected);
        return "missing " + missing.size() + " " + first(missing) + ", extra " + extra.size() + " " + first(extra);
    }

    private static String first(Set<String> s) {
        return s.stream().limit(5).toList().toString();
    }

    /** At most the first 30 lines, and how many there were: keeps a failure message readable. */
    static List<String> head(List<String> lines) {
        if (lines.size() <= 30) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, 30));
        out.add("... and " + (lines.size() - 30) + " more");
        return out;
    }
}
