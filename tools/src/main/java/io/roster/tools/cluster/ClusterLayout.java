package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.model.NodeRole;

import java.util.ArrayList;
import java.util.List;

/** How many nodes of each role a local cluster has. */
public record ClusterLayout(int metas, int datas, int sessions) {
    /** Upper bound per role: each node is a JVM, and a loopback cluster beyond this says more about the laptop than Roster. */
    static final int MAX_PER_ROLE = 9;

    public ClusterLayout {
        check("--meta", metas);
        check("--data", datas);
        check("--session", sessions);
    }

    private static void check(String option, int count) {
        if (count < 1 || count > MAX_PER_ROLE) {
            throw new ConfigException(option + " must be between 1 and " + MAX_PER_ROLE + ", got " + count);
        }
    }

    /** Every node, in start order: metas, then data, then sessions. */
    public List<NodeName> nodes() {
        List<NodeName> out = new ArrayList<>();
        add(out, NodeRole.META, metas);
        add(out, NodeRole.DATA, datas);
        add(out, NodeRole.SESSION, sessions);
        return out;
    }

    private static void add(List<NodeName> out, NodeRole role, int count) {
        for (int i = 1; i <= count; i++) {
            out.add(new NodeName(role, i));
        }
    }

    public static ClusterLayout of(List<NodeName> nodes) {
        return new ClusterLayout(count(nodes, NodeRole.META), count(nodes, NodeRole.DATA), count(nodes, NodeRole.SESSION));
    }

    private static int count(List<NodeName> nodes, NodeRole role) {
        return (int) nodes.stream().filter(n -> n.role() == role).count();
    }

    @Override
    public String toString() {
        return "meta x" + metas + ", data x" + datas + ", session x" + sessions;
    }
}
