package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.ReplyException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.WriteReply;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.WriteResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the publishers of a {@link PublishBatch}: each write is checked as {@link PublishWriteHandler} checks one
 * (a bad one gets its own INVALID_REQUEST, a slot not served here its own SLOT_NOT_OWNED or SLOT_NOT_READY, and
 * the others are applied), then each slot's writes go to the store in one call, so one RocksDB write per slot, and
 * each changed datum is announced once.
 */
public final class PublishBatchHandler extends RequestHandler<PublishBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(PublishBatchHandler.class);
    private final DataRequestContext ctx;

    public PublishBatchHandler(DataRequestContext ctx) {
        super(PublishBatch.class, ctx.executor());
        this.ctx = ctx;
    }

    /** The writes of one slot: their places in the batch, and their publishers. */
    private record SlotWrites(long leaderEpoch, List<Integer> places, List<Publisher> publishers) {
    }

    @Override
    protected Object handle(BizContext context, PublishBatch request) {
        List<PublishWrite> writes = request.writes();
        WriteReply[] replies = new WriteReply[writes.size()];
        SlotAssignment current = ctx.assignment().get(); // one table for the whole batch
        Map<Integer, SlotWrites> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            PublishWrite w = writes.get(i);
            try {
                SlotCheck slot = check(current, w);
                if (!slot.ok()) {
                    replies[i] = new WriteReply(slot.code(), slot.message(), 0);
                    continue;
                }
                SlotWrites group = bySlot.computeIfAbsent(w.slotId(),
                        s -> new SlotWrites(slot.leaderEpoch(), new ArrayList<>(), new ArrayList<>()));
                group.places().add(i);
                group.publishers().add(w.publisher());
            } catch (InvalidInputException e) {
                replies[i] = new WriteReply(ErrorCode.INVALID_REQUEST, e.getMessage(), 0);
            } catch (ReplyException e) {
                replies[i] = new WriteReply(e.code(), e.getMessage(), 0);
            }
        }
        List<DatumChange> changes = new ArrayList<>();
        bySlot.forEach((slotId, group) -> {
            try {
                List<WriteResult> results = ctx.store().putAll(slotId, group.publishers(), group.leaderEpoch());
                ctx.countWrites(results.size());
                for (int k = 0; k < results.size(); k++) {
                    replies[group.places().get(k)] = new WriteReply(ErrorCode.OK, "", results.get(k).version());
                    changes.addAll(results.get(k).changes());
                }
            } catch (ReplyException e) { // the slot moved, or its session was expired, meanwhile: nothing written
                group.places().forEach(i -> replies[i] = new WriteReply(e.code(), e.getMessage(), 0));
            } catch (RuntimeException e) {
                // This slot's write failed (its RocksDB write, say) and changed nothing; the slots written before it
                // stay written, and their notices below must still go out.
                LOG.warn("batch write to slot {} failed: {}", slotId, e.toString());
                group.places().forEach(i -> replies[i] = new WriteReply(ErrorCode.INTERNAL_ERROR,
                        "writing slot " + slotId + " failed: " + e.getMessage(), 0));
            }
        });
        ctx.fanout().afterWrite(changes);
        return new PublishBatchReply(ErrorCode.OK, "", Arrays.asList(replies));
    }

    private SlotCheck check(SlotAssignment current, PublishWrite w) {
        if (w == null || w.publisher() == null) {
            throw new InvalidInputException("a write of the batch has no publisher");
        }
        String dataInfoId = ctx.checks().publisher(w.publisher());
        ctx.requireNotExpired(w.publisher().sessionProcessId());
        SlotCheck usable = current.usable();
        if (!usable.ok()) {
            return usable;
        }
        ctx.checks().slot(w.slotId(), dataInfoId);
        return ctx.servableSlot(current, w.slotId());
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new PublishBatchReply(code, message, List.of());
    }
}
