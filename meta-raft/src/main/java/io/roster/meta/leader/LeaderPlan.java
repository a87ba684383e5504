package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.meta.image.MetaImage;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.state.MetaRecord;

import java.util.List;

/**
 * One log entry the leader decided to write, and what it was decided from (for the log lines and the callers).
 *
 * @param records  the entry; empty when there is nothing to write
 * @param before   the image it was planned from
 * @param admitted processes it makes live (new, or replacing an older process at their address)
 * @param expired  processes it removes because their lease ran out
 * @param progress the replica reports it was planned with
 */
public record LeaderPlan(List<MetaRecord> records, MetaImage before, List<NodeInfo> admitted, List<NodeInfo> expired,
                         SlotTable newTable, ReplicaProgress progress) {
    public LeaderPlan {
        records = List.copyOf(records);
        admitted = List.copyOf(admitted);
        expired = List.copyOf(expired);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Whether the entry carries a new slot table ({@link #newTable()} is then non-null). */
    public boolean changesTable() {
        return newTable != null;
    }
}
