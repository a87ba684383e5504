package io.roster.meta.state;

import io.roster.common.lever.Lever;

import java.util.Objects;

/**
 * A value of an incident lever was added ({@code on}) or removed. The lever travels by its stable key, never by enum
 * ordinal, so adding levers keeps old logs readable; a key this version does not know, or a value it would not take,
 * fails the entry (see {@link #check()}).
 */
public final class LeverChanged implements MetaRecord {
    private final String lever;
    private final String value;
    private final boolean on;

    public LeverChanged(Lever lever, String value, boolean on) {
        this.lever = lever.key();
        this.value = value;
        this.on = on;
    }

    public Lever lever() {
        return Lever.ofKey(lever);
    }

    public String value() {
        return value == null ? "" : value;
    }

    public boolean on() {
        return on;
    }

    @Override
    public void check() {
        lever().normalize(value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeverChanged r && Objects.equals(lever, r.lever) && Objects.equals(value(), r.value()) && on == r.on;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lever, value(), on);
    }

    @Override
    public String toString() {
        return "LeverChanged{" + lever + " " + value + "=" + (on ? "on" : "off") + "}";
    }
}
