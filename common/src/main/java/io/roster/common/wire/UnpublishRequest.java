package io.roster.common.wire;


/** Client to session: remove one publisher registration. */
public final class UnpublishRequest {
    private final String clientId;
    private final String registerId;
    private final String dataInfoId;

    public UnpublishRequest(String clientId, String registerId, String dataInfoId) {
        this.clientId = clientId;
        this.registerId = registerId;
        this.dataInfoId = dataInfoId;
    }

    public String clientId() {
        return clientId;
    }

    public String registerId() {
        return registerId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    @Override
    public String toString() {
        return "UnpublishRequest{" + "clientId=" + clientId + " " + "registerId=" + registerId + " " + "dataInfoId=" + dataInfoId + "}";
    }
}
