package io.roster.common.wire;

import java.util.List;

/** Data leader to session, while the slots migrate: the digest of the session's publishers in these slots. */
public final class SlotDigestQuery {
    private final List<Integer> slotIds;

    public SlotDigestQuery(List<Integer> slotIds) {
        this.slotIds = slotIds == null ? List.of() : List.copyOf(slotIds);
    }

    public List<Integer> slotIds() {
        return slotIds == null ? List.of() : slotIds;
    }

    @Override
    public String toString() {
        return "SlotDigestQuery{" + "slotIds=" + slotIds().size() + "}";
    }
}
