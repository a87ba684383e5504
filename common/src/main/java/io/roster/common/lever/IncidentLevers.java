package io.roster.common.lever;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The operator's incident levers as meta's log set them, immutable: client-off addresses ({@code IP} or
 * {@code IP:PORT}), blacklisted IPs, blacklisted dataId patterns and gray-push IPs, each list sorted and free of
 * duplicates, plus {@code version}, the meta log index that last changed them (0: never). Lists may be null in what
 * was decoded (protostuff leaves empty lists out), so every accessor reads through. Fields may only be appended.
 */
public final class IncidentLevers {
    public static final IncidentLevers NONE = new IncidentLevers(List.of(), List.of(), List.of(), List.of(), 0);

    private final List<String> clientOff;
    private final List<String> blacklistIps;
    private final List<String> blacklistDataIds;
    private final List<String> grayPushIps;
    private final long version;

    public IncidentLevers(List<String> clientOff, List<String> blacklistIps, List<String> blacklistDataIds,
                          List<String> grayPushIps, long version) {
        this.clientOff = sorted(clientOff);
        this.blacklistIps = sorted(blacklistIps);
        this.blacklistDataIds = sorted(blacklistDataIds);
        this.grayPushIps = sorted(grayPushIps);
        this.version = version;
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    private static List<String> of(List<String> values) {
        return values == null ? List.of() : values;
    }

    public List<String> clientOff() {
        return of(clientOff);
    }

    public List<String> blacklistIps() {
        return of(blacklistIps);
    }

    public List<String> blacklistDataIds() {
        return of(blacklistDataIds);
    }

    public List<String> grayPushIps() {
        return of(grayPushIps);
    }

    public long version() {
        return version;
    }

    public List<String> values(Lever lever) {
        return switch (lever) {
            case CLIENT_OFF -> clientOff();
            case BLACKLIST_IP -> blacklistIps();
            case BLACKLIST_DATAID -> blacklistDataIds();
            case GRAY_PUSH -> grayPushIps();
        };
    }

    public boolean isEmpty() {
        return clientOff().isEmpty() && blacklistIps().isEmpty() && blacklistDataIds().isEmpty() && grayPushIps().isEmpty();
    }

    /**
     * These levers with {@code value} added ({@code on}) or removed, at {@code version}. The value is normalized
     * first; adding past {@link LeverValues#MAX_ENTRIES} raises InvalidInputException. Unchanged: this, same version.
     */
    public IncidentLevers with(Lever lever, String value, boolean on, long version) {
        String v = lever.normalize(value);
        List<String> current = values(lever);
        if (current.contains(v) == on) {
            return this;
        }
        if (on && current.size() >= LeverValues.MAX_ENTRIES) {
            throw new LeverLimitException("lever " + lever.key() + " holds " + current.size()
                    + " entries, the most one lever takes");
        }
        List<String> next = new ArrayList<>(current);
        if (on) {
            next.add(v);
        } else {
            next.remove(v);
        }
        return new IncidentLevers(lever == Lever.CLIENT_OFF ? next : clientOff(),
                lever == Lever.BLACKLIST_IP ? next : blacklistIps(),
                lever == Lever.BLACKLIST_DATAID ? next : blacklistDataIds(),
                lever == Lever.GRAY_PUSH ? next : grayPushIps(), version);
    }

    /** Whether a client connection from {@code ip}:{@code port} is off. */
    public boolean clientOff(String ip, int port) {
        List<String> off = clientOff();
        if (off.isEmpty() || ip == null) {
            return false;
        }
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return off.contains(ip) || off.contains(host + ":" + port);
    }

    /** The lever that refuses a registration from {@code ip} for {@code dataInfoId}, named for the client; null if none. */
    public String refusal(String ip, String dataInfoId) {
        if (ip != null && blacklistIps().contains(ip)) {
            return "blacklisted by the operator: " + Lever.BLACKLIST_IP.key() + " " + ip;
        }
        if (!blacklistDataIds().isEmpty()) {
            String dataId = dataIdOf(dataInfoId);
            for (String pattern : blacklistDataIds()) {
                if (LeverValues.matches(pattern, dataId)) {
                    return "blacklisted by the operator: " + Lever.BLACKLIST_DATAID.key() + " " + pattern;
                }
            }
        }
        return null;
    }

    /** Whether pushes go to a connection from {@code ip} while the push switch is off. */
    public boolean grayPush(String ip) {
        return ip != null && grayPushIps().contains(ip);
    }

    /** The part of a dataInfoId before the first {@code #@#}. */
    public static String dataIdOf(String dataInfoId) {
        int cut = dataInfoId.indexOf(DataInfoId.SEPARATOR);
        return cut < 0 ? dataInfoId : dataInfoId.substring(0, cut);
    }

    /** Same lists (the version is where they were read, not what they are). */
    public boolean sameAs(IncidentLevers o) {
        return clientOff().equals(o.clientOff()) && blacklistIps().equals(o.blacklistIps())
                && blacklistDataIds().equals(o.blacklistDataIds()) && grayPushIps().equals(o.grayPushIps());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentLevers l && sameAs(l) && version == l.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientOff(), blacklistIps(), blacklistDataIds(), grayPushIps(), version);
    }

    @Override
    public String toString() {
        return "IncidentLevers{v" + version + " client-off=" + clientOff() + " blacklist-ip=" + blacklistIps()
                + " blacklist-dataid=" + blacklistDataIds() + " gray-push=" + grayPushIps() + "}";
    }

    /** Adding past a lever's cap: a limit, not malformed input (LIMIT_EXCEEDED on the wire, 400 on the admin API). */
    public static final class LeverLimitException extends InvalidInputException {
        public LeverLimitException(String message) {
            super(message);
        }
    }
}
