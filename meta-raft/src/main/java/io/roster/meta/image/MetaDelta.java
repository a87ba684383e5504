package io.roster.meta.image;

import io.roster.common.acl.ClientAcl;
import io.roster.common.app.Revision;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;
import io.roster.meta.state.AclRuleChanged;
import io.roster.meta.state.AppCredentialChanged;
import io.roster.meta.state.LeverChanged;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes records make to a base {@link MetaImage}, built by replaying them in log order; {@link #apply()}
 * gives the next image. Replaying is pure and deterministic: the same records on the same image give the same
 * image on every meta node, now and when the log is replayed. The state machine, the leader's planner (to see
 * the image an entry will produce) and the listeners (to see what changed) all go through it. An add past a cap
 * (a lever's, the ACL's) changes nothing here and is listed in {@link #overCap()}: the handlers refuse it before
 * logging, but two changes each checked on an image without the other may both be logged, and a replay that threw
 * would stop every replica on that entry, on every restart.
 *
 * <p>Not thread-safe: built and read on one thread, then handed on as it is.
 */
public final class MetaDelta {
    private final MetaImage base;
    /** Set when the delta is a whole loaded snapshot rather than replayed records. */
    private final MetaImage replacement;
    /** The log index of the entry replayed: what revision changes are stamped with. */
    private final long index;

    private List<NodeInfo> dataNodes;
    private List<NodeInfo> sessionNodes;
    private SlotTableImage slots;
    private Switches switches;
    private RevisionsImage revisions;
    private IncidentLevers levers;
    private ClientAcl acl;
    private final List<Revision> registered = new ArrayList<>();
    private final List<String> collected = new ArrayList<>();
    private final List<NodeInfo> joined = new ArrayList<>();
    private final List<NodeInfo> expired = new ArrayList<>();
    private final Set<String> restartedData = new LinkedHashSet<>();
    private final List<MetaRecord> overCap = new ArrayList<>();

    /** A delta for the entry after {@code base} (a plan's preview: the real index is known only once written). */
    public MetaDelta(MetaImage base) {
        this(base, null, base.appliedIndex() + 1);
    }

    private MetaDelta(MetaImage base, MetaImage replacement, long index) {
        this.base = base;
        this.replacement = replacement;
        this.index = index;
        this.slots = base.slots();
        this.switches = base.switches();
        this.revisions = base.revisions();
        this.levers = base.levers();
        this.acl = base.acl();
    }

    /** The delta of {@code records} replayed onto {@code base} as the entry after it (a preview, for planning). */
    public static MetaDelta replaying(MetaImage base, List<? extends MetaRecord> records) {
        return replaying(base, records, base.appliedIndex() + 1);
    }

    /** The delta of {@code records}, the log entry at {@code index}, replayed onto {@code base}. */
    public static MetaDelta replaying(MetaImage base, List<? extends MetaRecord> records, long index) {
        MetaDelta delta = new MetaDelta(base, null, index);
        records.forEach(delta::replay);
        return delta;
    }

    /** The delta from {@code base} to a whole image loaded from a snapshot: it tells only which pieces differ. */
    public static MetaDelta loading(MetaImage base, MetaImage loaded) {
        return new MetaDelta(base, loaded, loaded.appliedIndex());
    }

    /** Replays one record onto the image as changed so far. */
    public void replay(MetaRecord record) {
        if (replacement != null) {
            throw new IllegalStateException("a loaded snapshot replaces the image; nothing replays onto it");
        }
        if (record instanceof NodeJoined r) {
            join(r.node());
        } else if (record instanceof NodeExpired r) {
            expire(r.node());
        } else if (record instanceof SlotTableChanged r) {
            if (slots.acceptsTable(r.table())) {
                slots = new SlotTableImage(r.table(), r.table().epoch());
            }
        } else if (record instanceof SwitchChanged r) {
            switches = switches.with(r.target(), r.on());
        } else if (record instanceof RevisionRegistered r) {
            RevisionsImage next = revisions.registered(index, r.revision());
            if (next != revisions) {
                registered.add(r.revision());
                revisions = next;
            }
        } else if (record instanceof RevisionsCollected r) {
            RevisionsImage next = revisions.collected(index, r.digests());
            if (next != revisions) {
                r.digests().stream().filter(revisions::contains).distinct().forEach(collected::add);
                revisions = next;
            }
        } else if (record instanceof LeverChanged r) {
            // A lever already in that state changes nothing, not even the version: the levers are what they were.
            try {
                levers = levers.with(r.lever(), r.value(), r.on(), index);
            } catch (IncidentLevers.LeverLimitException e) {
                overCap.add(record);
            }
        } else if (record instanceof AppCredentialChanged r) {
            try {
                acl = r.on() ? acl.withToken(r.app(), r.value(), index) : acl.revoke(r.app(), r.value(), index);
            } catch (ClientAcl.AclLimitException e) {
                overCap.add(record);
            }
        } else if (record instanceof AclRuleChanged r) {
            try {
                acl = acl.withRule(r.rule(), r.on(), index);
            } catch (ClientAcl.AclLimitException e) {
                overCap.add(record);
            }
        } else {
            throw new IllegalArgumentException("no replay rule for " + record.getClass().getName());
        }
    }

    /** {@code node} is live; it replaces whatever process held its address before (a restart). */
    private void join(NodeInfo node) {
        if (node.role() != NodeRole.DATA && node.role() != NodeRole.SESSION) {
            throw new IllegalArgumentException("meta tracks data and session nodes only, not " + node);
        }
        NodeInfo old = current(node.address());
        if (node.equals(old)) {
            return;
        }
        editNodes();
        removeAddress(node.address());
        (node.role() == NodeRole.DATA ? dataNodes : sessionNodes).add(node);
        joined.add(node);
        if (old != null && node.role() == NodeRole.DATA) {
            restartedData.add(node.address());
        }
    }

    /**
     * Only that exact process is removed: an expiry decided for an old process must not remove the new process
     * that has since taken over its address.
     */
    private void expire(NodeInfo node) {
        if (!node.equals(current(node.address()))) {
            return;
        }
        editNodes();
        removeAddress(node.address());
        expired.add(node);
    }

    private NodeInfo current(String address) {
        if (dataNodes == null) {
            return base.node(address).orElse(null);
        }
        for (List<NodeInfo> nodes : List.of(dataNodes, sessionNodes)) {
            for (NodeInfo n : nodes) {
                if (n.address().equals(address)) {
                    return n;
                }
            }
        }
        return null;
    }

    private void editNodes() {
        if (dataNodes == null) {
            dataNodes = new ArrayList<>(base.dataNodes());
            sessionNodes = new ArrayList<>(base.sessionNodes());
        }
    }

    private void removeAddress(String address) {
        dataNodes.removeIf(n -> n.address().equals(address));
        sessionNodes.removeIf(n -> n.address().equals(address));
    }

    public MetaImage base() {
        return base;
    }

    /** The next image: the base itself when nothing changed, else one that shares every unchanged piece. */
    public MetaImage apply() {
        if (replacement != null) {
            return replacement;
        }
        NodesImage nodes = dataNodes == null ? base.nodes() : new NodesImage(dataNodes, sessionNodes);
        boolean nodesChanged = !nodes.equals(base.nodes());
        if (!nodesChanged && !slotTableChanged() && !switchesChanged() && !revisionsChanged() && !leversChanged()
                && !aclChanged()) {
            return base;
        }
        nodes = nodesChanged ? nodes : base.nodes();
        SwitchesImage sw = switchesChanged() ? new SwitchesImage(switches) : base.switchesImage();
        LeversImage lv = leversChanged() ? new LeversImage(levers) : base.leversImage();
        AclImage ac = aclChanged() ? new AclImage(acl) : base.aclImage();
        return new MetaImage(nodes, slots, sw, revisions, lv, ac, base.appliedIndex());
    }

    /** True when a process joined or expired (live node lists differ from the base). */
    public boolean nodesChanged() {
        if (replacement != null) {
            return !replacement.nodes().equals(base.nodes());
        }
        return dataNodes != null && !new NodesImage(dataNodes, sessionNodes).equals(base.nodes());
    }

    /** True when a slot table with a higher epoch than the base's replaced it. */
    public boolean slotTableChanged() {
        MetaImage after = replacement;
        return after != null ? after.slots().lastEpoch() > base.slots().lastEpoch() : slots != base.slots();
    }

    /** The table in force after this delta. */
    public SlotTable slotTable() {
        return replacement != null ? replacement.slotTable() : slots.table();
    }

    public boolean switchesChanged() {
        Switches after = replacement != null ? replacement.switches() : switches;
        return !after.equals(base.switches());
    }

    /** True when an incident lever gained or lost a value. */
    public boolean leversChanged() {
        IncidentLevers after = replacement != null ? replacement.levers() : levers;
        return !after.equals(base.levers());
    }

    /** True when a token or an ACL rule came or went (or a token was revoked). */
    public boolean aclChanged() {
        ClientAcl after = replacement != null ? replacement.acl() : acl;
        return !after.equals(base.acl());
    }

    /** True when a revision was registered or collected (the catalog's version moved). */
    public boolean revisionsChanged() {
        RevisionsImage after = replacement != null ? replacement.revisions() : revisions;
        return replacement != null ? !after.equals(base.revisions()) : after != base.revisions();
    }

    /** Revisions this entry registered (digests not live before), in replay order; empty for a snapshot. */
    public List<Revision> revisionsRegistered() {
        return List.copyOf(registered);
    }

    /** Digests of live revisions this entry collected, in replay order; empty for a snapshot. */
    public List<String> revisionsCollected() {
        return List.copyOf(collected);
    }

    /** Processes that became live, in replay order (a restart's new process included); empty for a snapshot. */
    public List<NodeInfo> joined() {
        return List.copyOf(joined);
    }

    /** Processes removed by an expiry, in replay order; empty for a snapshot. */
    public List<NodeInfo> expired() {
        return List.copyOf(expired);
    }

    /** Adds past a cap this replay skipped (a lever's, an app's live tokens, the ACL's), in replay order. */
    public List<MetaRecord> overCap() {
        return List.copyOf(overCap);
    }

    /** Addresses where a new data process replaced a live process: its copies are not trusted as current. */
    public Set<String> restartedDataNodes() {
        return Set.copyOf(restartedData);
    }
}
