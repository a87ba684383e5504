package io.roster.chaos.run;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A fault the harness can inject, named on the command line as e.g. {@code kill-data} or {@code pause-session}. */
public enum FaultKind {
    KILL_DATA("kill", "data"), KILL_SESSION("kill", "session"), KILL_META("kill", "meta"),
    PAUSE_DATA("pause", "data"), PAUSE_SESSION("pause", "session"), PAUSE_META("pause", "meta");

    private final String action;
    private final String role;

    FaultKind(String action, String role) {
        this.action = action;
        this.role = role;
    }

    public String action() {
        return action;
    }

    public String role() {
        return role;
    }

    public String cliName() {
        return action + "-" + role;
    }

    /**
     * Parses a comma-separated list of kinds ({@code kill-data,pause-meta}), or {@code all}, {@code kill} or
     * {@code pause} for a group, or {@code none}; an unknown name is an {@link IllegalArgumentException} listing them.
     */
    public static Set<FaultKind> parse(String text) {
        Set<FaultKind> out = EnumSet.noneOf(FaultKind.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "", "none" -> { }
                case "all" -> out.addAll(EnumSet.allOf(FaultKind.class));
                case "kill", "pause" -> {
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
        StringBuilder known = new StringBuilder("all, kill, pause, none");
        for (FaultKind k : values()) {
            known.append(", ").append(k.cliName());
        }
        throw new IllegalArgumentException("unknown fault kind '" + name + "'; known: " + known);
    }
}
