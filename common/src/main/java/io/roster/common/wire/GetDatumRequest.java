package io.roster.common.wire;


/** Session to slot leader: read one datum. */
public final class GetDatumRequest {
    private final int slotId;
    private final String dataInfoId;

    public GetDatumRequest(int slotId, String dataInfoId) {
        this.slotId = slotId;
        this.dataInfoId = dataInfoId;
    }

    public int slotId() {
        return slotId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    @Override
    public String toString() {
        return "GetDatumRequest{" + "slotId=" + slotId + " " + "dataInfoId=" + dataInfoId + "}";
    }
}
