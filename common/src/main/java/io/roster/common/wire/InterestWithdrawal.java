package io.roster.common.wire;

import io.roster.common.model.ProcessId;

import java.util.List;

/**
 * Session to every data node: this session no longer has subscribers of these datums; stop sending it their change
 * notices. Interest is declared by reads and version queries, each carrying the session's interest sequence, which
 * grows whenever a subscriber is added. A data node drops an interest only if it was declared at or below
 * {@code interestSeq}: a withdrawal that crossed a newer subscription's read on the way cannot undo it.
 */
public final class InterestWithdrawal {
    private final ProcessId sessionProcessId;
    private final long interestSeq;
    private final List<String> dataInfoIds;

    public InterestWithdrawal(ProcessId sessionProcessId, long interestSeq, List<String> dataInfoIds) {
        this.sessionProcessId = sessionProcessId;
        this.interestSeq = interestSeq;
        this.dataInfoIds = dataInfoIds == null ? List.of() : List.copyOf(dataInfoIds);
    }

    public ProcessId sessionProcessId() {
        return sessionProcessId;
    }

    public long interestSeq() {
        return interestSeq;
    }

    public List<String> dataInfoIds() {
        return dataInfoIds == null ? List.of() : dataInfoIds;
    }

    @Override
    public String toString() {
        return "InterestWithdrawal{" + sessionProcessId + "#" + interestSeq + " " + dataInfoIds().size() + " datums}";
    }
}
