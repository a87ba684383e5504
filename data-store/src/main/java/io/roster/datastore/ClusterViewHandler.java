package io.roster.datastore;

import io.roster.common.view.ClusterView;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.migration.SlotPromotion;
import io.roster.datastore.replication.FollowerCopies;
import io.roster.datastore.replication.FollowerSync;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.session.SessionExpiry;
import io.roster.datastore.slot.LocalSlot;
import io.roster.datastore.slot.SlotOwnership;
import io.roster.datastore.slot.SlotPhase;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.slot.SlotTransitions;
import io.roster.datastore.store.SlotStore;
import io.roster.datastore.store.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies each new cluster view from the heartbeat: installs the slot ownership that requests check against, moves
 * slot phases (new leaders start reconciling, new followers start syncing) and drops the publishers of session
 * processes that meta expired.
 */
final class ClusterViewHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterViewHandler.class);

    private final String selfAddress;
    private final int slotCount;
    private final AtomicReference<SlotOwnership> ownership;
    private final SlotStates states;
    private final SessionExpiry expiry = new SessionExpiry();
    private final SlotStore store;
    private final SessionConnections sessions;
    private final ChangeFanout fanout;
    private final SlotPromotion promotion;
    private final FollowerSync followerSync;
    private final FollowerCopies copies;

    ClusterViewHandler(String selfAddress, int slotCount, AtomicReference<SlotOwnership> ownership, SlotStates states,
                       SlotStore store, SessionConnections sessions, ChangeFanout fanout, SlotPromotion promotion,
                       FollowerSync followerSync, FollowerCopies copies) {
        this.selfAddress = selfAddress;
        this.slotCount = slotCount;
        this.ownership = ownership;
        this.states = states;
        this.store = store;
        this.sessions = sessions;
        this.fanout = fanout;
        this.promotion = promotion;
        this.followerSync = followerSync;
        this.copies = copies;
    }

    /**
     * The slots {@code next} makes this node lead whose copy here is warm: a follower copy caught up with its leader,
     * or a copy this node served itself. Read before the phases move (promotion forgets the follower state). Slot ->
     * the leaderEpoch {@code next} gives; it only counts for an episode of MIGRATING under that leaderEpoch.
     */
    private Map<Integer, Long> warmCopies(SlotOwnership next) {
        Map<Integer, Long> warm = new HashMap<>();
        next.ledSlots().forEach((slot, leaderEpoch) -> {
            LocalSlot now = states.get(slot);
            if (now != null && (now.phase() == SlotPhase.ACCEPT
                    || now.phase() == SlotPhase.FOLLOWER && copies.caughtUp(slot, now.leaderEpoch()))) {
                warm.put(slot, leaderEpoch);
            }
        });
        return warm;
    }

    /** Called on the heartbeat thread whenever the view changes. */
    void onView(ClusterView view) {
        SlotOwnership next = new SlotOwnership(view.slotTable(), selfAddress, slotCount);
        SlotOwnership before = ownership.getAndSet(next);
        if (next.epoch() != before.epoch()) {
            if (next.usable().ok()) {
                LOG.info("slot table epoch {}: data node {} leads {} and follows {} of {} slots", next.epoch(), selfAddress,
                        next.ledSlots().size(), next.followedSlots().size(), next.slotCount());
            } else {
                LOG.error("slot table epoch {} is not usable: {}", next.epoch(), next.usable().message());
            }
        }
        promotion.warmCopies(warmCopies(next));
        SlotTransitions moves = states.apply(next, System.currentTimeMillis());
        moves.moved().forEach(copies::forget);
        // A copy this node now leads is no follower copy any more: a late install for the old leader must not count.
        moves.promoted().forEach(copies::forget);
        moves.moved().forEach(fanout::forget);
        moves.followed().forEach(fanout::forget);
        if (!moves.promoted().isEmpty()) {
            LOG.info("slots {} now led here: MIGRATING", moves.promoted());
            promotion.promote();
        }
        if (!moves.followed().isEmpty()) {
            followerSync.syncDue();
        }
        List<ProcessId> gone = expiry.onView(view.metaVersion(), view.sessionNodes());
        sessions.listed(view.sessionNodes().stream().filter(n -> n != null && n.processId() != null)
                .map(NodeInfo::processId).toList());
        for (ProcessId expired : gone) {
            sessions.expired(expired);
            // Only a slot's leader changes its datums; followers get the result through replication. Slots still
            // migrating are cleaned too (their reconciliation drops dead owners as well, but may have started first).
            WriteResult result = store.removeSession(expired, next.ledSlots());
            fanout.afterWrite(result.changes());
            LOG.info("session {} expired in meta: removed its publishers from {} datums", expired, result.changes().size());
        }
    }
}
