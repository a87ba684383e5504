package io.roster.datastore;

import io.roster.common.meta.ClusterView;
import io.roster.common.model.ProcessId;
import io.roster.datastore.session.ChangeNotifier;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.session.SessionExpiry;
import io.roster.datastore.slot.SlotOwnership;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.SlotStore;
import io.roster.datastore.store.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies each new cluster view from the heartbeat: installs the slot ownership that requests check against, and
 * drops the publishers of session processes that meta expired.
 */
final class ClusterViewHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterViewHandler.class);

    private final String selfAddress;
    private final int slotCount;
    private final AtomicReference<SlotOwnership> ownership;
    private final SessionExpiry expiry = new SessionExpiry();
    private final SlotStore store;
    private final SessionConnections sessions;
    private final ChangeNotifier notifier;

    ClusterViewHandler(String selfAddress, int slotCount, AtomicReference<SlotOwnership> ownership, SlotStore store,
                       SessionConnections sessions, ChangeNotifier notifier) {
        this.selfAddress = selfAddress;
        this.slotCount = slotCount;
        this.ownership = ownership;
        this.store = store;
        this.sessions = sessions;
        this.notifier = notifier;
    }

    /** Called on the heartbeat thread whenever the view changes. */
    void onView(ClusterView view) {
        SlotOwnership next = new SlotOwnership(view.slotTable(), selfAddress, slotCount);
        SlotOwnership before = ownership.getAndSet(next);
        if (next.epoch() != before.epoch()) {
            if (next.usable().ok()) {
                LOG.info("slot table epoch {}: data node {} leads {} of {} slots", next.epoch(), selfAddress,
                        next.ledSlots().size(), next.slotCount());
            } else {
                LOG.error("slot table epoch {} is not usable: {}", next.epoch(), next.usable().message());
            }
        }
        for (ProcessId gone : expiry.onView(view.sessionNodes())) {
            sessions.forget(gone);
            // Cleaned in every slot held here, led or not: the process owns nothing anywhere any more. Only the
            // leader's versions are served, so only changes in led slots are announced; a notice for another slot
            // would name a version its leader never handed out.
            WriteResult result = store.removeSession(gone, next::leaderEpochOf);
            List<DatumChange> served = result.changes().stream().filter(c -> next.ledSlots().containsKey(c.slot())).toList();
            notifier.announce(served);
            LOG.info("session {} expired in meta: removed its publishers from {} datums", gone, result.changes().size());
        }
    }
}
