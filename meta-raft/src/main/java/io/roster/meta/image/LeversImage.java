package io.roster.meta.image;

import io.roster.common.lever.IncidentLevers;

import java.util.Objects;

/** The incident levers as the log set them (none until a {@code LeverChanged} record); their version is a log index. */
public record LeversImage(IncidentLevers levers) {
    public static final LeversImage NONE = new LeversImage(IncidentLevers.NONE);

    public LeversImage {
        Objects.requireNonNull(levers, "levers");
    }
}
