package io.roster.datastore.rpc;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ClientOffWrite;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.WriteReply;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.store.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a closed client's publishers from every slot this node leads. The session sends it to every data node,
 * so each node only cleans the slots it leads.
 */
public final class ClientOffWriteHandler extends RequestHandler<ClientOffWrite> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOffWriteHandler.class);
    private final DataRequestContext ctx;

    public ClientOffWriteHandler(DataRequestContext ctx) {
        super(ClientOffWrite.class, ctx.executor());
        this.ctx = ctx;
    }

    @Override
    protected Object handle(BizContext context, ClientOffWrite request) {
        ctx.checks().sessionProcessId(request.sessionProcessId());
        ctx.checks().clientId(request.clientId());
        SlotAssignment assignment = ctx.assignment().get();
        // Without a usable table this node cannot tell which slots to clean; OK would make the session forget it.
        SlotCheck usable = assignment.usable();
        if (!usable.ok()) {
            return new WriteReply(usable.code(), usable.message(), 0);
        }
        WriteResult result = ctx.store().clientOff(request.sessionProcessId(), request.clientId(), request.registeredBefore(),
                request.removedAt(), assignment.ledSlots());
        ctx.fanout().afterWrite(result.changes());
        if (result.hasChanges()) {
            LOG.debug("client {} of session {} off: {} datums changed", request.clientId(), request.sessionProcessId(),
                    result.changes().size());
        }
        return new WriteReply(ErrorCode.OK, "", 0);
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return new WriteReply(code, message, 0);
    }
}
