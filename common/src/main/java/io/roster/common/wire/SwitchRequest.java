package io.roster.common.wire;

/** CLI to meta leader: turn one cluster switch on or off, or (set == false) only read the switches. */
public final class SwitchRequest {
    private final String switchKey;
    private final boolean set;
    private final boolean on;

    public SwitchRequest(String switchKey, boolean set, boolean on) {
        this.switchKey = switchKey;
        this.set = set;
        this.on = on;
    }

    /** A request that changes nothing and answers the current switches. */
    public static SwitchRequest read() {
        return new SwitchRequest("", false, false);
    }

    public String switchKey() {
        return switchKey == null ? "" : switchKey;
    }

    public boolean set() {
        return set;
    }

    public boolean on() {
        return on;
    }

    @Override
    public String toString() {
        return set ? "SwitchRequest{" + switchKey + "=" + (on ? "on" : "off") + "}" : "SwitchRequest{read}";
    }
}
