package io.roster.datastore.rpc;

import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotCheck;
import io.roster.datastore.slot.SlotOwnership;
import io.roster.datastore.store.SlotStore;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the data node's request handlers share.
 *
 * @param ownership the slot ownership of the newest slot table; read once per request
 * @param executor  the pool handlers run on (not bolt's default pool)
 */
public record DataRequestContext(SlotStore store, Supplier<SlotOwnership> ownership, RequestChecks checks,
                                 ChangeNotifier notifier, SessionConnections sessions, Executor executor) {

    /**
     * Whether this node may serve {@code slotId} for {@code dataInfoId} now, judged against one snapshot of the
     * slot table. An unusable table (none yet, or another slot count than this node's) refuses with a retryable code
     * before the slot id is judged against it; a slot id the dataInfoId does not hash to is invalid input.
     */
    public SlotCheck servable(int slotId, String dataInfoId) {
        SlotOwnership current = ownership.get();
        SlotCheck usable = current.usable();
        if (!usable.ok()) {
            return usable;
        }
        checks.slot(slotId, dataInfoId);
        return current.check(slotId);
    }
}
