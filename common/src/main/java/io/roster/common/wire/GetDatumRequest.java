package io.roster.common.wire;

import io.roster.common.model.ProcessId;

/**
 * Session to slot leader: read one datum. A session reading for its subscribers names itself and its interest
 * sequence: the leader then sends it this datum's change notices (see {@link InterestWithdrawal}). A read without a
 * session (tools, tests) declares nothing. A session holding the datum at {@code sinceVersion} (appended field; 0, and
 * what an old session sends: none) may get only what changed since then ({@link DatumReply#isDelta}); an old data node
 * ignores the field and answers the whole datum.
 */
public final class GetDatumRequest {
    private final int slotId;
    private final String dataInfoId;
    private final ProcessId interestedSession;
    private final long interestSeq;
    private final long sinceVersion;

    public GetDatumRequest(int slotId, String dataInfoId) {
        this(slotId, dataInfoId, null, 0);
    }

    public GetDatumRequest(int slotId, String dataInfoId, ProcessId interestedSession, long interestSeq) {
        this(slotId, dataInfoId, interestedSession, interestSeq, 0);
    }

    public GetDatumRequest(int slotId, String dataInfoId, ProcessId interestedSession, long interestSeq,
                           long sinceVersion) {
        this.slotId = slotId;
        this.dataInfoId = dataInfoId;
        this.interestedSession = interestedSession;
        this.interestSeq = interestSeq;
        this.sinceVersion = sinceVersion;
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

    /** The version the reader holds whole, to be answered with the changes since; 0: the whole datum. */
    public long sinceVersion() {
        return sinceVersion;
    }

    @Override
    public String toString() {
        return "GetDatumRequest{" + "slotId=" + slotId + " " + "dataInfoId=" + dataInfoId
                + (interestedSession == null ? "" : " for " + interestedSession + "#" + interestSeq)
                + (sinceVersion == 0 ? "" : " since " + sinceVersion) + "}";
    }
}
