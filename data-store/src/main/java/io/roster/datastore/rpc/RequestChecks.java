package io.roster.datastore.rpc;

import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.slot.SlotFunction;

/**
 * Validation of what sessions send. A data node re-checks everything a session should already have checked:
 * it is the last line before storage, and messages are decoded without running their constructors. Each check
 * throws {@link InvalidInputException}, which {@link io.roster.common.rpc.RequestHandler} turns into an
 * INVALID_REQUEST reply carrying the message.
 */
public final class RequestChecks {
    private final RegistryLimits limits;
    private final SlotFunction slotFunction;

    public RequestChecks(RegistryLimits limits, SlotFunction slotFunction) {
        this.limits = limits;
        this.slotFunction = slotFunction;
    }

    /**
     * A valid dataInfoId in canonical form. Datums are keyed by the exact text, so a bare dataId would be stored
     * apart from its canonical twin.
     */
    public String dataInfoId(String text) {
        String canonical = DataInfoId.parse(text, limits).toString();
        if (!canonical.equals(text)) {
            throw new InvalidInputException("dataInfoId must be in canonical form " + canonical + ", got " + text);
        }
        return canonical;
    }

    public int slotOf(String dataInfoId) {
        return slotFunction.slotOf(dataInfoId);
    }

    /** {@code slotId} is the slot {@code dataInfoId} hashes to. */
    public void slot(int slotId, String dataInfoId) {
        int expected = slotFunction.slotOf(dataInfoId);
        if (slotId != expected) {
            throw new InvalidInputException("slot " + slotId + " was given for " + dataInfoId + ", which is in slot " + expected
                    + " of " + slotFunction.slotCount());
        }
    }

    public void sessionProcessId(ProcessId session) {
        if (session == null || session.address() == null || session.address().isEmpty()) {
            throw new InvalidInputException("sessionProcessId is missing");
        }
    }

    public void clientId(String clientId) {
        limits.checkId("clientId", clientId);
    }

    public void registerId(String registerId) {
        limits.checkId("registerId", registerId);
    }

    /** Every field of a publisher; returns its canonical dataInfoId. */
    public String publisher(Publisher p) {
        if (p == null) {
            throw new InvalidInputException("publisher is missing");
        }
        registerId(p.registerId());
        String dataInfoId = dataInfoId(p.dataInfoId());
        try {
            clientId(p.clientId());
            limits.checkAppName(p.appName());
            limits.checkData(p.data());
            sessionProcessId(p.sessionProcessId());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("publisher " + p.registerId() + " of " + dataInfoId + ": " + e.getMessage());
        }
        return dataInfoId;
    }
}
