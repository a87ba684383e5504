package io.roster.common.lever;

import io.roster.common.model.InvalidInputException;

import java.util.Arrays;

/**
 * An incident lever kept by meta. The key names it in meta's log, on the wire, in the admin API's JSON and on the
 * CLI, so it never changes; a new lever is a new constant here plus a list appended to {@link IncidentLevers}.
 */
public enum Lever {
    /** The publishers of a client address ({@code IP} or {@code IP:PORT}) are taken off data, kept by the session. */
    CLIENT_OFF("client-off"),
    /** Registrations from this IP are refused and existing ones removed. */
    BLACKLIST_IP("blacklist-ip"),
    /** Registrations of dataIds matching this glob pattern are refused and existing ones removed. */
    BLACKLIST_DATAID("blacklist-dataid"),
    /** While the push switch is off, pushes still go to client connections from this IP. */
    GRAY_PUSH("gray-push");

    private final String key;

    Lever(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The lever named {@code key}; unknown keys (e.g. written by a newer version) raise InvalidInputException. */
    public static Lever ofKey(String key) {
        return Arrays.stream(values()).filter(l -> l.key.equals(key)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown lever '" + key + "'; known: "
                        + Arrays.stream(values()).map(Lever::key).toList()));
    }

    /** {@code value} checked and in its normal form for this lever; bad input raises InvalidInputException naming it. */
    public String normalize(String value) {
        return switch (this) {
            case CLIENT_OFF -> LeverValues.address(value, true);
            case BLACKLIST_IP, GRAY_PUSH -> LeverValues.address(value, false);
            case BLACKLIST_DATAID -> LeverValues.pattern(value);
        };
    }
}
