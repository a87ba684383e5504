package io.roster.common.wire;

/** Admin to meta leader: add ({@code on}) or remove a value of one incident lever, or (set == false) only read them. */
public final class LeverRequest {
    private final String lever;
    private final String value;
    private final boolean on;
    private final boolean set;

    public LeverRequest(String lever, String value, boolean on, boolean set) {
        this.lever = lever;
        this.value = value;
        this.on = on;
        this.set = set;
    }

    /** A request that changes nothing and answers the current levers. */
    public static LeverRequest read() {
        return new LeverRequest("", "", false, false);
    }

    public String lever() {
        return lever == null ? "" : lever;
    }

    public String value() {
        return value == null ? "" : value;
    }

    public boolean on() {
        return on;
    }

    public boolean set() {
        return set;
    }

    @Override
    public String toString() {
        return set ? "LeverRequest{" + lever + " " + value + "=" + (on ? "on" : "off") + "}" : "LeverRequest{read}";
    }
}
