package io.roster.common.wire;

import java.util.List;

/** Data leader to session: every publisher the session owns in these slots. */
public final class SlotPublishersQuery {
    private final List<Integer> slotIds;

    public SlotPublishersQuery(List<Integer> slotIds) {
        this.slotIds = slotIds == null ? List.of() : List.copyOf(slotIds);
    }

    public List<Integer> slotIds() {
        return slotIds == null ? List.of() : slotIds;
    }

    @Override
    public String toString() {
        return "SlotPublishersQuery{" + "slotIds=" + slotIds().size() + "}";
    }
}
