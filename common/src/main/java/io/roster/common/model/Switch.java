package io.roster.common.model;

import java.util.Arrays;

/**
 * A cluster-wide on/off switch kept by meta. The key names it in meta's log and on the CLI, so it never changes;
 * a new switch is a new constant here plus a field appended to {@link Switches}.
 */
public enum Switch {
    /** Sessions push data changes to subscribers (default on). */
    PUSH("push");

    private final String key;

    Switch(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The switch named {@code key}; unknown keys (e.g. written by a newer version) raise IllegalArgumentException. */
    public static Switch ofKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown switch '" + key + "'; known: "
                        + Arrays.stream(values()).map(Switch::key).toList()));
    }
}
