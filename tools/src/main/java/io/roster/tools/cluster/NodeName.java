package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.model.NodeRole;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One node of a local cluster, e.g. {@code data-2}: its role and its 1-based index within that role. */
public record NodeName(NodeRole role, int index) implements Comparable<NodeName> {
    private static final Pattern STEM = Pattern.compile("(meta|data|session)-([1-9][0-9]*)");

    public NodeName {
        if (index < 1) {
            throw new IllegalArgumentException("node indexes start at 1, got " + index);
        }
    }

    /** Parses the ROLE and INDEX a user typed, with a message that says what is accepted. */
    public static NodeName parse(String role, int index) {
        NodeRole r;
        try {
            r = NodeRole.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("unknown role '" + role + "': use meta, data or session");
        }
        if (index < 1) {
            throw new ConfigException("node indexes start at 1 (meta-1, data-1, ...), got " + index);
        }
        return new NodeName(r, index);
    }

    /** The node a file stem like {@code meta-3} names, or null when the stem is not a node's. */
    static NodeName fromStem(String stem) {
        Matcher m = STEM.matcher(stem);
        return m.matches() ? new NodeName(NodeRole.valueOf(m.group(1).toUpperCase(Locale.ROOT)), Integer.parseInt(m.group(2))) : null;
    }

    public String roleName() {
        return role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return roleName() + "-" + index;
    }

    /** Meta first, then data, then session (the order nodes start in), then by index. */
    @Override
    public int compareTo(NodeName o) {
        int byRole = Integer.compare(role.ordinal(), o.role.ordinal());
        return byRole != 0 ? byRole : Integer.compare(index, o.index);
    }
}
