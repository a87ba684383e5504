package io.roster.tools.cli.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The meta group's configuration as its leader reported it: voting peers, learners, and which of them the leader
 * currently hears from. Addresses are host:port.
 */
public record Membership(String leader, List<String> peers, List<String> learners, Set<String> alive) {
    /** How one member looks from the leader. */
    public enum State {
        LEADER, FOLLOWER, LEARNER, UNREACHABLE;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** One row of {@code roster meta peers}. */
    public record Member(String address, boolean voter, State state) {
    }

    public Membership {
        peers = List.copyOf(peers);
        learners = List.copyOf(learners);
        alive = Set.copyOf(alive);
    }

    /** Voting peers first, then learners, each in the leader's order. */
    public List<Member> members() {
        List<Member> rows = new ArrayList<>();
        for (String p : peers) {
            State s = p.equals(leader) ? State.LEADER : alive.contains(p) ? State.FOLLOWER : State.UNREACHABLE;
            rows.add(new Member(p, true, s));
        }
        for (String l : learners) {
            rows.add(new Member(l, false, alive.contains(l) ? State.LEARNER : State.UNREACHABLE));
        }
        return rows;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leader", leader);
        m.put("peers", peers);
        m.put("learners", learners);
        m.put("members", members().stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("address", row.address());
            r.put("voter", row.voter());
            r.put("state", row.state().label());
            return r;
        }).toList());
        return m;
    }
}
