package io.roster.common.wire;

import java.util.List;

/** Client to session: publish, or re-publish with a higher version, one registration. */
public final class PublishRequest {
    private final String clientId;
    private final String appName;
    private final String registerId;
    private final String dataInfoId;
    private final List<byte[]> data;
    private final long version;
    private final String zone;
    /** Appended after the first release: an SDK that sends none is decoded as 0. */
    private final long connectionGeneration;

    /** A request without a connection generation (0), as an SDK that predates it sends. */
    public PublishRequest(String clientId, String appName, String registerId, String dataInfoId, List<byte[]> data, long version, String zone) {
        this(clientId, appName, registerId, dataInfoId, data, version, zone, 0);
    }

    public PublishRequest(String clientId, String appName, String registerId, String dataInfoId, List<byte[]> data, long version,
                          String zone, long connectionGeneration) {
        this.clientId = clientId;
        this.appName = appName;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.data = List.copyOf(data);
        this.version = version;
        this.zone = zone;
        this.connectionGeneration = connectionGeneration;
    }

    public String clientId() {
        return clientId;
    }

    public String appName() {
        return appName;
    }

    public String registerId() {
        return registerId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public List<byte[]> data() {
        return data == null ? List.of() : data;
    }

    public long version() {
        return version;
    }

    public String zone() {
        return zone;
    }

    /** The number of the client's session connection this was sent on (1 for its first), carried by replays too. */
    public long connectionGeneration() {
        return connectionGeneration;
    }

    @Override
    public String toString() {
        return "PublishRequest{" + "clientId=" + clientId + " " + "appName=" + appName + " " + "registerId=" + registerId + " " + "dataInfoId=" + dataInfoId + " " + "data=" + data + " " + "version=" + version + " " + "zone=" + zone + " "
                + "connectionGeneration=" + connectionGeneration + "}";
    }
}
