package io.roster.tools.apps;

import io.roster.common.model.Datum;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.GetDatumRequest;

import java.util.function.Function;

/**
 * Reads datums straight from their slot leaders, as a tool's read: {@link GetDatumRequest} without a session, so the
 * data node declares no interest and no session or subscription is involved. The datum comes as stored (an
 * interface's own publishers, never a session's converted list). Any failure is an {@link RpcFailure} naming it.
 */
public final class SlotLeaderReads implements Function<String, Datum> {
    private final RpcCaller caller;
    private final SlotTable table;
    private final int timeoutMs;

    public SlotLeaderReads(RpcCaller caller, SlotTable table, int timeoutMs) {
        this.caller = caller;
        this.table = table;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Datum apply(String dataInfoId) {
        if (table.slotCount() == 0) {
            throw new RpcFailure("meta has no slot table yet (no data node joined)", null);
        }
        int slot = new SlotFunction(table.slotCount()).slotOf(dataInfoId);
        String leader = table.slot(slot).leader();
        if (leader == null || leader.isEmpty()) {
            throw new RpcFailure("slot " + slot + " of " + dataInfoId + " has no leader (no live data node)", null);
        }
        DatumReply reply = caller.call(leader, new GetDatumRequest(slot, dataInfoId), DatumReply.class, timeoutMs);
        if (!reply.ok() || reply.datum() == null) {
            throw new RpcFailure("data node " + leader + " answered " + reply.code() + " reading " + dataInfoId + ": "
                    + reply.message(), null);
        }
        return reply.datum();
    }
}
