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

    public PublishRequest(String clientId, String appName, String registerId, String dataInfoId, List<byte[]> data, long version, String zone) {
        this.clientId = clientId;
        this.appName = appName;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.data = List.copyOf(data);
        this.version = version;
        this.zone = zone;
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

    @Override
    public String toString() {
        return "PublishRequest{" + "clientId=" + clientId + " " + "appName=" + appName + " " + "registerId=" + registerId + " " + "dataInfoId=" + dataInfoId + " " + "data=" + data + " " + "version=" + version + " " + "zone=" + zone + "}";
    }
}
