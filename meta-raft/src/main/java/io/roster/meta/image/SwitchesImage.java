package io.roster.meta.image;

import io.roster.common.model.Switches;

import java.util.Objects;

/** The cluster switches as the log set them (each at its default until a {@code SwitchChanged} record). */
public record SwitchesImage(Switches switches) {
    public static final SwitchesImage DEFAULTS = new SwitchesImage(Switches.DEFAULTS);

    public SwitchesImage {
        Objects.requireNonNull(switches, "switches");
    }
}
