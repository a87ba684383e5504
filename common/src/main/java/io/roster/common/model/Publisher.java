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

    public Publisher(String registerId, String dataInfoId, String clientId, String appName, String zone,
                     List<byte[]> data, long version, long registerTimestamp, ProcessId sessionProcessId) {
        this.registerId = Objects.requireNonNull(registerId, "registerId");
        this.dataInfoId = Objects.requireNonNull(dataInfoId, "dataInfoId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.appName = Objects.requireNonNull(appName, "appName");
        this.zone = zone == null ? "" : zone;
        this.data = List.copyOf(data);
        this.version = version;
        this.registerTimestamp = registerTimestamp;
        this.sessionProcessId = Objects.requireNonNull(sessionProcessId, "sessionProcessId");
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

    public long registerTimestamp() {
        return registerTimestamp;
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
                && registerTimestamp == p.registerTimestamp && sessionProcessId.equals(p.sessionProcessId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registerId, dataInfoId, version, sessionProcessId);
    }

    @Override
    public String toString() {
        return "Publisher{" + registerId + " " + dataInfoId + " client=" + clientId + " v" + version + " items="
                + data().size() + " session=" + sessionProcessId + "}";
    }
}
