package io.roster.common.wire;

import io.roster.common.model.ProcessId;

/**
 * Session to slot leader: read one datum. A session reading for its subscribers names itself and its interest
 * sequence: the leader then sends it this datum's change notices (see {@link InterestWithdrawal}). A read without a
 * session (tools, tests) declares nothing.
 */
public final class GetDatumRequest {
    private final int slotId;
    private final String dataInfoId;
    private final ProcessId interestedSession;
    private final long interestSeq;

    public GetDatumRequest(int slotId, String dataInfoId) {
        this(slotId, dataInfoId, null, 0);
    }

    public GetDatumRequest(int slotId, String dataInfoId, ProcessId interestedSession, long interestSeq) {
        this.slotId = slotId;
        this.dataInfoId = dataInfoId;
        this.interestedSession = interestedSession;
        this.interestSeq = interestSeq;
    }

    public int slotId() {
        return slotId;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    /** The session that wants this datum's change notices, or null. */
    public ProcessId interestedSession() {
        return interestedSession;
    }

    public long interestSeq() {
        return interestSeq;
    }

    @Override
    public String toString() {
        return "GetDatumRequest{" + "slotId=" + slotId + " " + "dataInfoId=" + dataInfoId
                + (interestedSession == null ? "" : " for " + interestedSession + "#" + interestSeq) + "}";
    }
}
