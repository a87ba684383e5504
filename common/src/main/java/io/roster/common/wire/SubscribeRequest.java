package io.roster.common.wire;


/** Client to session: subscribe to a dataInfoId; the session pushes the current data at once. */
public final class SubscribeRequest {
    private final String clientId;
    private final String appName;
    private final String registerId;
    private final String dataInfoId;
    private final String zone;
    /**
     * True: only the interface-level publishers of {@code dataInfoId}, never application instances converted to it
     * (an application-level consumer resolves those itself). Older SDKs send false: they get both.
     */
    private final boolean interfaceOnly;

    public SubscribeRequest(String clientId, String appName, String registerId, String dataInfoId, String zone) {
        this(clientId, appName, registerId, dataInfoId, zone, false);
    }

    public SubscribeRequest(String clientId, String appName, String registerId, String dataInfoId, String zone,
                            boolean interfaceOnly) {
        this.clientId = clientId;
        this.appName = appName;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
        this.zone = zone;
        this.interfaceOnly = interfaceOnly;
    }

    public boolean interfaceOnly() {
        return interfaceOnly;
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

    public String zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "SubscribeRequest{" + "clientId=" + clientId + " " + "appName=" + appName + " " + "registerId=" + registerId + " " + "dataInfoId=" + dataInfoId + " " + "zone=" + zone + (interfaceOnly ? " interfaceOnly" : "") + "}";
    }
}
