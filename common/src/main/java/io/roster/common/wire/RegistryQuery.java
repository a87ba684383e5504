package io.roster.common.wire;

/**
 * Admin API to a session: select from this session's own registry (docs/ARCHITECTURE.md, "Query API"). {@code kind}
 * is one of the constants below; the filters that kind does not use are ignored; empty means "any". The session
 * answers at most {@code limit} (1..{@link #MAX_LIMIT}) items, sorted, and says whether more matched.
 */
public final class RegistryQuery {
    public static final String SERVICES = "services";
    public static final String PUBLISHERS = "publishers";
    public static final String SUBSCRIBERS = "subscribers";
    public static final String CONNECTIONS = "connections";
    public static final String REGISTRATIONS = "registrations";
    /** The most items one session returns for one query. */
    public static final int MAX_LIMIT = 10_000;

    private final String kind;
    /** publishers, subscribers: the dataId (the part of a dataInfoId before the first separator), exact. */
    private final String dataId;
    /** services: a prefix of the dataInfoId. */
    private final String prefix;
    /** registrations, connections: the client's IP as this session saw its connection. */
    private final String ip;
    /** registrations, connections: the client's application name. */
    private final String app;
    private final int limit;
    /** publishers, subscribers: the group, exact. */
    private final String group;

    public RegistryQuery(String kind, String dataId, String prefix, String ip, String app, int limit, String group) {
        this.kind = kind;
        this.dataId = dataId;
        this.prefix = prefix;
        this.ip = ip;
        this.app = app;
        this.limit = limit;
        this.group = group;
    }

    public String kind() {
        return kind == null ? "" : kind;
    }

    public String dataId() {
        return dataId == null ? "" : dataId;
    }

    public String prefix() {
        return prefix == null ? "" : prefix;
    }

    public String ip() {
        return ip == null ? "" : ip;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public int limit() {
        return limit;
    }

    public String group() {
        return group == null ? "" : group;
    }

    @Override
    public String toString() {
        return "RegistryQuery{" + kind() + " dataId=" + dataId() + " group=" + group() + " prefix=" + prefix() + " ip=" + ip()
                + " app=" + app() + " limit=" + limit + "}";
    }
}
