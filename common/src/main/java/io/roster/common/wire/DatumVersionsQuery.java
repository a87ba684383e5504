package io.roster.common.wire;

import java.util.List;

/** Session to slot leader, periodically: the current version of each of these datums (the session's subscribed ones). */
public final class DatumVersionsQuery {
    private final List<String> dataInfoIds;

    public DatumVersionsQuery(List<String> dataInfoIds) {
        this.dataInfoIds = dataInfoIds == null ? List.of() : List.copyOf(dataInfoIds);
    }

    public List<String> dataInfoIds() {
        return dataInfoIds == null ? List.of() : dataInfoIds;
    }

    @Override
    public String toString() {
        return "DatumVersionsQuery{" + dataInfoIds().size() + " datums}";
    }
}
