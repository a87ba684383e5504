package io.roster.meta.state;

import io.roster.common.model.Switch;

import java.util.Objects;

/**
 * A cluster switch was turned on or off. The switch travels by its stable key, never by enum ordinal, so adding
 * switches keeps old logs readable; a key this version does not know fails the entry (see {@link #check()}).
 */
public final class SwitchChanged implements MetaRecord {
    private final String key;
    private final boolean on;

    public SwitchChanged(Switch s, boolean on) {
        this.key = s.key();
        this.on = on;
    }

    public Switch target() {
        return Switch.ofKey(key);
    }

    public boolean on() {
        return on;
    }

    @Override
    public void check() {
        target();
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof SwitchChanged r && Objects.equals(key, r.key) && on == r.on;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, on);
    }

    @Override
    public String toString() {
        return "SwitchChanged{" + key + "=" + (on ? "on" : "off") + "}";
    }
}
