package io.roster.datastore.view;

import io.roster.common.model.ProcessId;
import io.roster.common.slot.SlotRanges;
import io.roster.common.view.ClusterViewDelta;
import io.roster.common.view.ClusterViewListener;
import io.roster.datastore.change.ChangeFanout;
import io.roster.datastore.migration.SlotPromotion;
import io.roster.datastore.replication.FollowerCopies;
import io.roster.datastore.replication.FollowerSync;
import io.roster.datastore.session.SessionConnections;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.slot.SlotPhase;
import io.roster.datastore.slot.SlotState;
import io.roster.datastore.slot.SlotStates;
import io.roster.datastore.store.SlotStore;
import io.roster.datastore.store.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies each change of the cluster view from the heartbeat: a new slot table installs the slot assignment that
 * requests check against and moves slot phases (new leaders start reconciling, new followers start syncing); the
 * session processes meta stopped listing lose their publishers, and those it lists again are admitted again.
 */
public final class ClusterViewHandler implements ClusterViewListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterViewHandler.class);

    private final String selfAddress;
    private final int slotCount;
    private final AtomicReference<SlotAssignment> assignment;
    private final SlotStates states;
    private final SlotStore store;
    private final SessionConnections sessions;
    private final ChangeFanout fanout;
    private final SlotPromotion promotion;
    private final FollowerSync followerSync;
    private final FollowerCopies copies;

    public ClusterViewHandler(String selfAddress, int slotCount, AtomicReference<SlotAssignment> assignment,
                              SlotStates states, SlotStore store, SessionConnections sessions, ChangeFanout fanout,
                              SlotPromotion promotion, FollowerSync followerSync, FollowerCopies copies) {
        this.selfAddress = selfAddress;
        this.slotCount = slotCount;
        this.assignment = assignment;
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
    private Map<Integer, Long> warmCopies(SlotAssignment next) {
        Map<Integer, Long> warm = new HashMap<>();
        next.ledSlots().forEach((slot, leaderEpoch) -> {
            SlotState now = states.get(slot);
            if (now != null && (now.phase() == SlotPhase.ACCEPT
                    || now.phase() == SlotPhase.FOLLOWER && copies.caughtUp(slot, now.leaderEpoch()))) {
                warm.put(slot, leaderEpoch);
            }
        });
        return warm;
    }

    /** Called on the heartbeat thread for every change of the view, in order. */
    @Override
    public void onChange(ClusterViewDelta delta) {
        // The table and the listed sessions are applied again on every change, not only when the delta says they
        // moved: both are idempotent for an unchanged table or list, and a change whose handling failed half-way
        // (an exception out of a promotion or a sync) is then completed by the next view instead of never.
        applySlotTable(new SlotAssignment(delta.after().slotTable(), selfAddress, slotCount), delta.slotTableChanged());
        // A process meta had expired and lists again is alive again.
        sessions.listed(delta.after().sessionProcesses());
        // The heartbeat only moves the view forward (ARCHITECTURE.md invariant 6): a process listed before and
        // not now was expired by meta, never hidden by an older meta image.
        for (ProcessId expired : delta.expiredSessions()) {
            dropExpired(expired);
        }
    }

    private void applySlotTable(SlotAssignment next, boolean newTable) {
        SlotAssignment previous = assignment.getAndSet(next);
        if (newTable && next.usable().ok()) {
            logShare(previous, next);
        } else if (newTable) {
            LOG.error("slot table epoch {} is not usable: {}", next.epoch(), next.usable().message());
        }
        promotion.warmCopies(warmCopies(next));
        SlotStates.Transitions moves = states.apply(next, System.currentTimeMillis());
        moves.moved().forEach(copies::forget);
        // A copy this node now leads is no follower copy any more: a late install for the old leader must not count.
        moves.promoted().forEach(copies::forget);
        moves.moved().forEach(fanout::forget);
        moves.followed().forEach(fanout::forget);
        if (!moves.promoted().isEmpty()) {
            LOG.info("slots {} now led here: MIGRATING", SlotRanges.format(moves.promoted()));
            promotion.promote();
        }
        if (!moves.followed().isEmpty()) {
            followerSync.syncDue();
        }
    }

    /**
     * One line when this node's share changed (most tables of a rebalance move other nodes' slots): the counts and
     * which slots it gained or lost, as ranges.
     */
    private void logShare(SlotAssignment previous, SlotAssignment next) {
        String led = change(previous.ledSlots().keySet(), next.ledSlots().keySet());
        String followed = change(previous.followedSlots().keySet(), next.followedSlots().keySet());
        if (led.isEmpty() && followed.isEmpty()) {
            LOG.debug("slot table epoch {}: data node {} keeps its slots", next.epoch(), selfAddress);
            return;
        }
        LOG.info("slot table epoch {}: data node {} leads {} slots{} and follows {}{} of {}", next.epoch(), selfAddress,
                next.ledSlots().size(), led, next.followedSlots().size(), followed, next.slotCount());
    }

    /** " (gained 3-5; lost 9)", or "" when {@code before} and {@code after} hold the same slots. */
    static String change(Set<Integer> before, Set<Integer> after) {
        Set<Integer> gained = new TreeSet<>(after);
        gained.removeAll(before);
        Set<Integer> lost = new TreeSet<>(before);
        lost.removeAll(after);
        if (gained.isEmpty() && lost.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (!gained.isEmpty()) {
            parts.add("gained " + SlotRanges.format(gained));
        }
        if (!lost.isEmpty()) {
            parts.add("lost " + SlotRanges.format(lost));
        }
        return " (" + String.join("; ", parts) + ")";
    }

    private void dropExpired(ProcessId expired) {
        sessions.expired(expired);
        // Only a slot's leader changes its datums; followers get the result through replication. Slots still
        // migrating are cleaned too (their reconciliation drops dead owners as well, but may have started first).
        WriteResult result = store.removeSession(expired, assignment.get().ledSlots());
        fanout.afterWrite(result.changes());
        LOG.info("session {} expired in meta: removed its publishers from {} datums", expired, result.changes().size());
    }
}
