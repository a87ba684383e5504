package io.roster.chaos.run;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A fault the harness can inject, named on the command line as {@code action-role}: {@code kill-data},
 * {@code pause-session}, {@code skew-data}, {@code partition-data-meta}. For a partition the role names what is
 * cut from what.
 */
public enum FaultKind {
    /** SIGKILL, then a restart from the node's configuration. */
    KILL_DATA("kill", "data"), KILL_SESSION("kill", "session"), KILL_META("kill", "meta"),
    /** SIGSTOP, then SIGCONT. */
    PAUSE_DATA("pause", "data"), PAUSE_SESSION("pause", "session"), PAUSE_META("pause", "meta"),
    /** A restart under libfaketime with the wall clock minutes off (monotonic clock untouched), then a plain one. */
    SKEW_SESSION("skew", "session"), SKEW_DATA("skew", "data"),
    /** One data node's links to every meta peer cut both ways; its links to sessions and data nodes stay. */
    PARTITION_DATA_META("partition", "data-meta", "data", "meta"),
    /**
     * The meta leader (as the cluster names it when the fault starts; a peer by index if none does) cut from the
     * other meta peers, and only from them: it loses its followers, data and sessions still reach it.
     */
    PARTITION_META_LEADER("partition", "meta-leader", "meta", "meta"),
    /** One session cut from one data node, both ways; everything else stays. */
    PARTITION_SESSION_DATA("partition", "session-data", "session", "data");

    private final String action;
    private final String role;
    private final String targetRole;
    private final String peerRole;

    FaultKind(String action, String role) {
        this(action, role, role, null);
    }

    FaultKind(String action, String role, String targetRole, String peerRole) {
        this.action = action;
        this.role = role;
        this.targetRole = targetRole;
        this.peerRole = peerRole;
    }

    public String action() {
        return action;
    }

    /** What the history records as the fault's role: the target's role, or both sides of a partition. */
    public String role() {
        return role;
    }

    /** The role of the node the fault hits. */
    public String targetRole() {
        return targetRole;
    }

    /** The role a partition cuts its target from; null for the other kinds. */
    public String peerRole() {
        return peerRole;
    }

    public String cliName() {
        return action + "-" + role;
    }

    /**
     * Parses a comma-separated list of kinds ({@code kill-data,pause-meta}), or {@code all} or an action
     * ({@code kill}, {@code pause}, {@code skew}, {@code partition}) for a group, or {@code none}; an unknown name is
     * an {@link IllegalArgumentException} listing them.
     */
    public static Set<FaultKind> parse(String text) {
        Set<FaultKind> out = EnumSet.noneOf(FaultKind.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "", "none" -> { }
                case "all" -> out.addAll(EnumSet.allOf(FaultKind.class));
                case "kill", "pause", "skew", "partition" -> {
                    for (FaultKind k : values()) {
                        if (k.action.equals(name)) {
                            out.add(k);
                        }
                    }
                }
                default -> out.add(byName(name));
            }
        }
        return out;
    }

    private static FaultKind byName(String name) {
        for (FaultKind k : values()) {
            if (k.cliName().equals(name)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder("all, kill, pause, skew, partition, none");
        for (FaultKind k : values()) {
            known.append(", ").append(k.cliName());
        }
        throw new IllegalArgumentException("unknown fault kind '" + name + "'; known: " + known);
    }
}
