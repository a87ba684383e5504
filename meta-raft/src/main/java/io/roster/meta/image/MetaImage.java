package io.roster.meta.image;

import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;
import io.roster.meta.state.MetaState;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the meta Raft group agrees on, as one immutable value made of six images: the live nodes, the slot
 * table, the switches, the registered revisions, the incident levers and the client ACL. Only a {@link MetaDelta} (records replayed in log order) makes the next image, so every
 * meta node that applied the same log holds an equal image. An image whose piece did not change shares it.
 *
 * <p>On disk (snapshots) it is stored as a {@link MetaState}, whose encoding predates the image and does not move.
 */
public final class MetaImage {
    public static final MetaImage EMPTY = new MetaImage(NodesImage.EMPTY, SlotTableImage.EMPTY, SwitchesImage.DEFAULTS,
            RevisionsImage.EMPTY, LeversImage.NONE, AclImage.NONE, 0);

    private final NodesImage nodes;
    private final SlotTableImage slots;
    private final SwitchesImage switches;
    private final RevisionsImage revisions;
    private final LeversImage levers;
    private final AclImage acl;
    /**
     * The Raft log index of the last entry applied to this image (0 before any). The same on every meta node for
     * the same content, kept across snapshots and leader changes, so it is the version nodes compare heartbeat
     * replies by (ARCHITECTURE.md invariant 6). Not part of {@link #equals}: that compares what the group agreed
     * on, not where it was read.
     */
    private final long appliedIndex;

    public MetaImage(NodesImage nodes, SlotTableImage slots, SwitchesImage switches, long appliedIndex) {
        this(nodes, slots, switches, RevisionsImage.EMPTY, appliedIndex);
    }

    public MetaImage(NodesImage nodes, SlotTableImage slots, SwitchesImage switches, RevisionsImage revisions,
                     long appliedIndex) {
        this(nodes, slots, switches, revisions, LeversImage.NONE, appliedIndex);
    }

    public MetaImage(NodesImage nodes, SlotTableImage slots, SwitchesImage switches, RevisionsImage revisions,
                     LeversImage levers, long appliedIndex) {
        this(nodes, slots, switches, revisions, levers, AclImage.NONE, appliedIndex);
    }

    public MetaImage(NodesImage nodes, SlotTableImage slots, SwitchesImage switches, RevisionsImage revisions,
                     LeversImage levers, AclImage acl, long appliedIndex) {
        this.levers = Objects.requireNonNull(levers, "levers");
        this.acl = Objects.requireNonNull(acl, "acl");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.revisions = Objects.requireNonNull(revisions, "revisions");
        this.appliedIndex = appliedIndex;
    }

    /** The image a snapshot holds. */
    public static MetaImage fromSnapshot(MetaState state) {
        return new MetaImage(new NodesImage(state.dataNodes(), state.sessionNodes()),
                new SlotTableImage(state.slotTable(), state.lastSlotEpoch()), new SwitchesImage(state.switches()),
                RevisionsImage.fromState(state.revisions()), new LeversImage(state.levers()), new AclImage(state.acl()), state.appliedIndex());
    }

    /** This image in its snapshot form. */
    public MetaState toSnapshot() {
        return MetaState.of(nodes.dataNodes(), nodes.sessionNodes(), slots.table(), slots.lastEpoch(),
                switches.switches(), appliedIndex, revisions.toState(), levers.levers(), acl.acl());
    }

    public NodesImage nodes() {
        return nodes;
    }

    public SlotTableImage slots() {
        return slots;
    }

    public SwitchesImage switchesImage() {
        return switches;
    }

    /** The registered revisions (application-level discovery) with their stamps. */
    public RevisionsImage revisions() {
        return revisions;
    }

    public LeversImage leversImage() {
        return levers;
    }

    /** The incident levers in force; their version is the log index that last changed them. */
    public IncidentLevers levers() {
        return levers.levers();
    }

    public AclImage aclImage() {
        return acl;
    }

    /** The client ACL in force (token hashes and allow rules); its version is the log index that last changed it. */
    public ClientAcl acl() {
        return acl.acl();
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /** This image as applied up to log entry {@code index}. */
    public MetaImage atIndex(long index) {
        return index == appliedIndex ? this : new MetaImage(nodes, slots, switches, revisions, levers, acl, index);
    }

    public List<NodeInfo> dataNodes() {
        return nodes.dataNodes();
    }

    public List<NodeInfo> sessionNodes() {
        return nodes.sessionNodes();
    }

    public List<NodeInfo> allNodes() {
        return nodes.allNodes();
    }

    public List<String> dataAddresses() {
        return nodes.dataAddresses();
    }

    public Optional<NodeInfo> node(String address) {
        return nodes.node(address);
    }

    public boolean contains(NodeInfo node) {
        return nodes.contains(node);
    }

    public SlotTable slotTable() {
        return slots.table();
    }

    public Switches switches() {
        return switches.switches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaImage m && nodes.equals(m.nodes) && slots.equals(m.slots) && switches.equals(m.switches)
                && revisions.equals(m.revisions) && levers.equals(m.levers) && acl.equals(m.acl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, slots, switches, revisions, levers, acl);
    }

    @Override
    public String toString() {
        return "MetaImage{" + nodes + " " + slots + " " + switches + " " + revisions + " " + levers + " " + acl + " at index " + appliedIndex + "}";
    }
}
