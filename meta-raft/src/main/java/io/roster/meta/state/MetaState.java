package io.roster.meta.state;

import io.roster.common.acl.ClientAcl;
import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The stored form of the meta image: what a snapshot holds (protostuff, field order = tags, so fields may only be
 * appended) and what {@code MetaServer.state()} hands out. The live image is {@code io.roster.meta.image.MetaImage},
 * which converts to and from this class; keeping this class as it was keeps every snapshot ever written readable.
 */
public final class MetaState {
    public static final MetaState EMPTY = new MetaState(List.of(), List.of(), SlotTable.EMPTY, 0, Switches.DEFAULTS, 0, null, null, null);

    private static final Comparator<NodeInfo> BY_ADDRESS = Comparator.comparing(NodeInfo::address);

    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;
    private final SlotTable slotTable;
    /** The highest slot-table epoch ever applied; a table at or below it is stale and ignored. */
    private final long lastSlotEpoch;
    /** Null in snapshots written before switches existed: every switch at its default. */
    private final Switches switches;
    /** The Raft log index of the last entry applied (0 in snapshots written before it existed). Not in {@link #equals}. */
    private final long appliedIndex;
    /**
     * The revision catalog with its stamps; null when no revision was ever registered, so such a state encodes to
     * exactly the bytes it had before revisions existed (and older snapshots read as having none).
     */
    private final RevisionsState revisions;
    /** The incident levers; null when none was ever set, so such a state encodes to the bytes it had before levers. */
    private final IncidentLevers levers;
    /** The client ACL; null when never set, so such a state encodes to the bytes it had before ACLs. After levers. */
    private final ClientAcl acl;

    private MetaState(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable, long lastSlotEpoch,
                      Switches switches, long appliedIndex, RevisionsState revisions, IncidentLevers levers,
                      ClientAcl acl) {
        this.levers = levers == null || levers.version() == 0 ? null : levers;
        this.acl = acl == null || acl.version() == 0 ? null : acl;
        this.dataNodes = sorted(dataNodes);
        this.sessionNodes = sorted(sessionNodes);
        this.slotTable = Objects.requireNonNull(slotTable, "slotTable");
        this.lastSlotEpoch = lastSlotEpoch;
        this.switches = Objects.requireNonNull(switches, "switches");
        this.appliedIndex = appliedIndex;
        this.revisions = revisions == null || revisions.isEmpty() ? null : revisions.normalized();
    }

    public static MetaState of(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable,
                               long lastSlotEpoch, Switches switches, long appliedIndex) {
        return of(dataNodes, sessionNodes, slotTable, lastSlotEpoch, switches, appliedIndex, null);
    }

    public static MetaState of(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable,
                               long lastSlotEpoch, Switches switches, long appliedIndex, RevisionsState revisions) {
        return of(dataNodes, sessionNodes, slotTable, lastSlotEpoch, switches, appliedIndex, revisions, null);
    }

    public static MetaState of(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable,
                               long lastSlotEpoch, Switches switches, long appliedIndex, RevisionsState revisions,
                               IncidentLevers levers) {
        return of(dataNodes, sessionNodes, slotTable, lastSlotEpoch, switches, appliedIndex, revisions, levers, null);
    }

    public static MetaState of(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable,
                               long lastSlotEpoch, Switches switches, long appliedIndex, RevisionsState revisions,
                               IncidentLevers levers, ClientAcl acl) {
        return new MetaState(dataNodes, sessionNodes, slotTable, lastSlotEpoch, switches, appliedIndex, revisions, levers, acl);
    }

    private static List<NodeInfo> sorted(List<NodeInfo> nodes) {
        List<NodeInfo> copy = new ArrayList<>(nodes);
        copy.sort(BY_ADDRESS);
        return List.copyOf(copy);
    }

    /** Live data nodes, by address. */
    public List<NodeInfo> dataNodes() {
        return dataNodes == null ? List.of() : dataNodes;
    }

    /** Live session nodes, by address. */
    public List<NodeInfo> sessionNodes() {
        return sessionNodes == null ? List.of() : sessionNodes;
    }

    /** Data nodes first, then session nodes. */
    public List<NodeInfo> allNodes() {
        List<NodeInfo> all = new ArrayList<>(dataNodes());
        all.addAll(sessionNodes());
        return all;
    }

    public SlotTable slotTable() {
        return slotTable == null ? SlotTable.EMPTY : slotTable;
    }

    public long lastSlotEpoch() {
        return lastSlotEpoch;
    }

    public Switches switches() {
        return switches == null ? Switches.DEFAULTS : switches;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /** The revision catalog as stored: empty when none was ever registered. */
    public RevisionsState revisions() {
        return revisions == null ? new RevisionsState(0, List.of(), List.of()) : revisions;
    }

    /** The incident levers as stored: none when never set (and in snapshots written before levers). */
    public IncidentLevers levers() {
        return levers == null ? IncidentLevers.NONE : levers;
    }

    /** The client ACL as stored: none when never set (and in snapshots written before ACLs). */
    public ClientAcl acl() {
        return acl == null ? ClientAcl.NONE : acl;
    }

    /** A copy built through the constructor, so a decoded state holds immutable, sorted lists like any other. */
    MetaState normalized() {
        return new MetaState(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch, switches(), appliedIndex, revisions, levers, acl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaState s && dataNodes().equals(s.dataNodes()) && sessionNodes().equals(s.sessionNodes())
                && slotTable().equals(s.slotTable()) && lastSlotEpoch() == s.lastSlotEpoch() && switches().equals(s.switches())
                && revisions().equals(s.revisions()) && levers().equals(s.levers()) && acl().equals(s.acl());
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch(), switches(), revisions(), levers(), acl());
    }

    @Override
    public String toString() {
        return "MetaState{data=" + dataNodes() + " session=" + sessionNodes() + " " + slotTable() + " " + switches() + " " + revisions() + " " + levers() + " " + acl() + " at index " + appliedIndex + "}";
    }
}
