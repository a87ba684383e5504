package io.roster.common.wire;

import java.util.List;

/**
 * Data leader to session, while the slots migrate: the digest of the session's publishers in these slots. It also
 * names the leader asking and the leaderEpoch of each slot (same order as slotIds), so the session routes its later
 * writes for those slots to it (the hand-off fence) even before its own slot table names it. Both are empty from a
 * leader that does not send them.
 */
public final class SlotDigestQuery {
    private final List<Integer> slotIds;
    private final List<Long> leaderEpochs;
    private final String leaderAddress;

    public SlotDigestQuery(List<Integer> slotIds) {
        this(slotIds, List.of(), "");
    }

    public SlotDigestQuery(List<Integer> slotIds, List<Long> leaderEpochs, String leaderAddress) {
        this.slotIds = slotIds == null ? List.of() : List.copyOf(slotIds);
        this.leaderEpochs = leaderEpochs == null ? List.of() : List.copyOf(leaderEpochs);
        this.leaderAddress = leaderAddress == null ? "" : leaderAddress;
    }

    public List<Integer> slotIds() {
        return slotIds == null ? List.of() : slotIds;
    }

    /** The leaderEpoch of each slot of {@link #slotIds}, in the same order; empty when the leader did not say. */
    public List<Long> leaderEpochs() {
        return leaderEpochs == null ? List.of() : leaderEpochs;
    }

    /** The data address of the leader asking; "" when it did not say. */
    public String leaderAddress() {
        return leaderAddress == null ? "" : leaderAddress;
    }

    @Override
    public String toString() {
        return "SlotDigestQuery{" + "slotIds=" + slotIds().size() + " leader=" + leaderAddress() + "}";
    }
}
