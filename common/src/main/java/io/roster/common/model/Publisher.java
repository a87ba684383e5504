package io.roster.common.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One registration of one client under one dataInfoId. The data items are plain bytes (often an
 * address in UTF-8); arrays handed in are owned by the publisher from then on and never mutated.
 */
public final class Publisher {
    private final String registerId;
    private final String dataInfoId;
    private final String clientId;
    private final String appName;
    private final String zone;
    private final List<byte[]> data;
    private final long version;
    private final long registerTimestamp;
    private final ProcessId sessionProcessId;
    /** Appended after the first release: a record written before it decodes as 0. */
    private final long connectionGeneration;

    /** A publisher without a connection generation (0), as an SDK that sends none registers it. */
    public Publisher(String registerId, String dataInfoId, String clientId, String appName, String zone,
                     List<byte[]> data, long version, long registerTimestamp, ProcessId sessionProcessId) {
        this(registerId, dataInfoId, clientId, appName, zone, data, version, registerTimestamp, sessionProcessId, 0);
    }

    public Publisher(String registerId, String dataInfoId, String clientId, String appName, String zone,
                     List<byte[]> data, long version, long registerTimestamp, ProcessId sessionProcessId,
                     long connectionGeneration) {
        this.registerId = Objects.requireNonNull(registerId, "registerId");
        this.dataInfoId = Objects.requireNonNull(dataInfoId, "dataInfoId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.appName = Objects.requireNonNull(appName, "appName");
        this.zone = zone == null ? "" : zone;
        this.data = List.copyOf(data);
        this.version = version;
        this.registerTimestamp = registerTimestamp;
        this.sessionProcessId = Objects.requireNonNull(sessionProcessId, "sessionProcessId");
        this.connectionGeneration = connectionGeneration;
    }

    public String registerId() {
        return registerId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public String clientId() {
        return clientId;
    }

    public String appName() {
        return appName;
    }

    public String zone() {
        return zone == null ? "" : zone;
    }

    public List<byte[]> data() {
        return data == null ? List.of() : data;
    }

    /** The client's version of this registration, raised on every re-publish. */
    public long version() {
        return version;
    }

    /** The owning session's registration-clock tick: comparable only with ticks of that same session. */
    public long registerTimestamp() {
        return registerTimestamp;
    }

    /**
     * Which of its client's session connections registered it: the SDK raises it for every new connection and sends
     * it with every registration and replay, so between two sessions' copies the higher one is where the client is
     * now (ARCHITECTURE.md invariant 5). 0 from an SDK that sends none.
     */
    public long connectionGeneration() {
        return connectionGeneration;
    }

    /** The session process that owns this registration. */
    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Publisher p)) {
            return false;
        }
        List<byte[]> data = data(), other = p.data();
        if (data.size() != other.size()) {
            return false;
        }
        for (int i = 0; i < data.size(); i++) {
            if (!Arrays.equals(data.get(i), other.get(i))) {
                return false;
            }
        }
        return registerId.equals(p.registerId) && dataInfoId.equals(p.dataInfoId) && clientId.equals(p.clientId)
                && appName.equals(p.appName) && zone().equals(p.zone()) && version == p.version
                && registerTimestamp == p.registerTimestamp && sessionProcessId.equals(p.sessionProcessId)
                && connectionGeneration == p.connectionGeneration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(registerId, dataInfoId, version, sessionProcessId);
    }

    @Override
    public String toString() {
        return "Publisher{" + registerId + " " + dataInfoId + " client=" + clientId + " v" + version + " items="
                + data().size() + " session=" + sessionProcessId + " generation=" + connectionGeneration + "}";
    }
}
