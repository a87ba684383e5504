package io.roster.meta.image;

import io.roster.common.model.Switches;

import java.util.Objects;

/** The cluster switches as the log set them (each at its default until a {@code SwitchChanged} record). */
public final class SwitchesImage {
    public static final SwitchesImage DEFAULTS = new SwitchesImage(Switches.DEFAULTS);

    private final Switches switches;

    public SwitchesImage(Switches switches) {
        this.switches = Objects.requireNonNull(switches, "switches");
    }

    public Switches switches() {
        return switches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwitchesImage s && switches.equals(s.switches);
    }

    @Override
    public int hashCode() {
        return switches.hashCode();
    }

    @Override
    public String toString() {
        return switches.toString();
    }
}
