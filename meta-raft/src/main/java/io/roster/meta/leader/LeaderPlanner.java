package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.common.app.Revision;
import io.roster.meta.lease.LeaseTracker;
import io.roster.meta.lease.RevisionUseTracker;
import io.roster.meta.slot.ReplicaProgress;
import io.roster.meta.slot.SlotRules;
import io.roster.meta.slot.SlotScheduler;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RevisionsCollected;
import io.roster.meta.state.SlotTableChanged;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what the meta leader writes next, as records. Pure: no threads, no clock of its own (time comes in as
 * {@code nowMs}), no I/O; the same inputs give the same records. {@link LeaderLoop} feeds it and proposes what it
 * returns.
 *
 * <p>An entry carries the changes asked for (admissions, expiries, a switch) together with the slot table they
 * call for, planned from the image those changes produce: a joining data node arrives with its slots, and the
 * state is never half-changed.
 */
public final class LeaderPlanner {
    private final LeaderOptions options;
    private final SlotScheduler scheduler;

    public LeaderPlanner(LeaderOptions options, SlotScheduler scheduler) {
        this.options = options;
        this.scheduler = scheduler;
    }

    /**
     * The next entry: admits each process of {@code joins} that is not live yet (replacing an older process at
     * its address), expires every other live node whose lease had run out at {@code nowMs}, and adds the slot
     * table they call for (also when the table alone needs re-planning, e.g. a copy caught up).
     */
    public LeaderPlan next(MetaImage image, LeaseTracker leases, ProgressSource reports, Collection<NodeInfo> joins,
                           long nowMs) {
        return next(image, leases, null, reports, joins, nowMs);
    }

    /**
     * {@link #next(MetaImage, LeaseTracker, ProgressSource, Collection, long)}, also collecting (one
     * {@link RevisionsCollected}, digests sorted) every live revision {@code revisionUse} found idle at {@code nowMs}:
     * neither reported in use by a session nor registered within the grace, a new leader counting from its start.
     * A null {@code revisionUse} collects nothing.
     */
    public LeaderPlan next(MetaImage image, LeaseTracker leases, RevisionUseTracker revisionUse, ProgressSource reports,
                           Collection<NodeInfo> joins, long nowMs) {
        List<MetaRecord> records = new ArrayList<>();
        Set<String> joining = new HashSet<>();
        for (NodeInfo n : joins) {
            joining.add(n.address());
            if (!image.contains(n)) {
                records.add(new NodeJoined(n));
            }
        }
        for (NodeInfo n : image.allNodes()) {
            if (!joining.contains(n.address()) && leases.isExpired(n.address(), nowMs)) {
                records.add(new NodeExpired(n));
            }
        }
        if (revisionUse != null) {
            List<String> live = image.revisions().catalog().revisions().stream().map(Revision::digest).sorted().toList();
            List<String> idle = revisionUse.idle(live, nowMs);
            if (!idle.isEmpty()) {
                records.add(new RevisionsCollected(idle));
            }
        }
        return withTable(image, records, reports);
    }

    /** {@code requested} (e.g. a switch change) plus the slot table the resulting image calls for. */
    public LeaderPlan withTable(MetaImage image, List<MetaRecord> requested, ProgressSource reports) {
        MetaDelta delta = MetaDelta.replaying(image, requested);
        MetaImage planned = delta.apply();
        ReplicaProgress progress = reports.progress(planned);
        SlotTable table = planTable(planned, delta.restartedDataNodes(), progress);
        List<MetaRecord> entry = new ArrayList<>(requested);
        SlotTable newTable = table != planned.slotTable() ? table : null;
        if (newTable != null) {
            entry.add(new SlotTableChanged(newTable));
        }
        return new LeaderPlan(entry, image, delta.joined(), delta.expired(), newTable, progress);
    }

    private SlotTable planTable(MetaImage planned, Set<String> restarted, ReplicaProgress progress) {
        SlotTable current = planned.slotTable();
        int slots = current.slotCount() > 0 ? current.slotCount() : options.slotCount();
        return scheduler.next(current, planned.dataAddresses(), restarted, progress,
                new SlotRules(slots, options.replicas(), options.maxMigrations()));
    }
}
