package io.roster.common.model;

import java.util.Arrays;

/**
 * The state of every {@link Switch}, immutable. Each switch is a boxed field where null means "never set, use the
 * default", so a message or snapshot written before a switch existed decodes to its default. Fields may only be
 * appended (protostuff tags follow field order).
 */
public final class Switches {
    public static final Switches DEFAULTS = new Switches(null);

    private final Boolean push;

    private Switches(Boolean push) {
        this.push = push;
    }

    public boolean enabled(Switch s) {
        return switch (s) {
            case PUSH -> push == null || push;
        };
    }

    public boolean pushEnabled() {
        return enabled(Switch.PUSH);
    }

    public Switches with(Switch s, boolean on) {
        return switch (s) {
            case PUSH -> new Switches(on);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Switches other && Arrays.stream(Switch.values()).allMatch(s -> enabled(s) == other.enabled(s));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.stream(Switch.values()).map(this::enabled).toArray());
    }

    @Override
    public String toString() {
        return "Switches" + Arrays.stream(Switch.values()).map(s -> s.key() + "=" + (enabled(s) ? "on" : "off")).toList();
    }
}
