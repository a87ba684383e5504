package io.roster.common.wire;

import java.util.List;
import java.util.Objects;

/**
 * One publisher or subscriber held by a session, with where it came from: the client's address as the session saw
 * the connection, its application, when the session first saw that connection (epoch millis). A publisher carries
 * its client version, its data items (UTF-8) and whether it is held off by the operator; a subscriber the highest
 * version pushed to it (-1: none yet).
 */
public final class RegistrationItem {
    public static final String PUBLISHER = "publisher";
    public static final String SUBSCRIBER = "subscriber";

    private final String kind;
    private final String registerId;
    private final String dataInfoId;
    private final String clientId;
    private final String clientAddress;
    private final String app;
    private final long connectedAtMillis;
    private final long version;
    private final List<String> dataItems;
    private final boolean off;
    private final long pushedVersion;

    private RegistrationItem(String kind, String registerId, String dataInfoId, String clientId, String clientAddress,
                             String app, long connectedAtMillis, long version, List<String> dataItems, boolean off,
                             long pushedVersion) {
        this.kind = kind;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.clientId = clientId;
        this.clientAddress = clientAddress;
        this.app = app;
        this.connectedAtMillis = connectedAtMillis;
        this.version = version;
        this.dataItems = dataItems == null ? List.of() : List.copyOf(dataItems);
        this.off = off;
        this.pushedVersion = pushedVersion;
    }

    public static RegistrationItem publisher(String registerId, String dataInfoId, String clientId, String clientAddress,
                                             String app, long connectedAtMillis, long version, List<String> dataItems,
                                             boolean off) {
        return new RegistrationItem(PUBLISHER, registerId, dataInfoId, clientId, clientAddress, app, connectedAtMillis,
                version, dataItems, off, 0);
    }

    public static RegistrationItem subscriber(String registerId, String dataInfoId, String clientId, String clientAddress,
                                              String app, long connectedAtMillis, long pushedVersion) {
        return new RegistrationItem(SUBSCRIBER, registerId, dataInfoId, clientId, clientAddress, app, connectedAtMillis,
                0, List.of(), false, pushedVersion);
    }

    /** {@link #PUBLISHER} or {@link #SUBSCRIBER}. */
    public String kind() {
        return kind == null ? "" : kind;
    }

    public boolean isPublisher() {
        return PUBLISHER.equals(kind());
    }

    public String registerId() {
        return registerId == null ? "" : registerId;
    }

    public String dataInfoId() {
        return dataInfoId == null ? "" : dataInfoId;
    }

    public String clientId() {
        return clientId == null ? "" : clientId;
    }

    public String clientAddress() {
        return clientAddress == null ? "" : clientAddress;
    }

    public String app() {
        return app == null ? "" : app;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public long version() {
        return version;
    }

    public List<String> dataItems() {
        return dataItems == null ? List.of() : dataItems;
    }

    public boolean off() {
        return off;
    }

    public long pushedVersion() {
        return pushedVersion;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrationItem r && kind().equals(r.kind()) && registerId().equals(r.registerId())
                && dataInfoId().equals(r.dataInfoId()) && clientId().equals(r.clientId())
                && clientAddress().equals(r.clientAddress()) && app().equals(r.app())
                && connectedAtMillis == r.connectedAtMillis && version == r.version && dataItems().equals(r.dataItems())
                && off == r.off && pushedVersion == r.pushedVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind(), registerId(), dataInfoId(), clientId(), version, pushedVersion);
    }

    @Override
    public String toString() {
        return "RegistrationItem{" + kind() + " " + registerId() + " " + dataInfoId() + " " + clientId() + "@"
                + clientAddress() + " app=" + app() + "}";
    }
}
