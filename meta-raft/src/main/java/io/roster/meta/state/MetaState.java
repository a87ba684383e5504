package io.roster.meta.state;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the meta Raft group agrees on, as one immutable value: the live data and session nodes (one per
 * address, the newest process), the slot table and the cluster switches. Only {@link MetaRecord}s change it, so every meta node that
 * applied the same log holds an equal state. Encoded whole (protostuff) in snapshots: fields may only be appended.
 */
public final class MetaState {
    public static final MetaState EMPTY = new MetaState(List.of(), List.of(), SlotTable.EMPTY, 0, Switches.DEFAULTS, 0);

    private static final Comparator<NodeInfo> BY_ADDRESS = Comparator.comparing(NodeInfo::address);

    private final List<NodeInfo> dataNodes;
    private final List<NodeInfo> sessionNodes;
    private final SlotTable slotTable;
    /** The highest slot-table epoch ever applied; a table at or below it is stale and ignored. */
    private final long lastSlotEpoch;
    /** Null in snapshots written before switches existed: every switch at its default. */
    private final Switches switches;
    /**
     * The Raft log index of the last entry applied to this state (0 before any, and in snapshots written before it
     * existed). The same on every meta node for the same content, kept across snapshots and leader changes, so it
     * is the version nodes compare heartbeat replies by (ARCHITECTURE.md invariant 6). Not part of {@link #equals}: that
     * compares what the group agreed on, not where it was read.
     */
    private final long appliedIndex;

    private MetaState(List<NodeInfo> dataNodes, List<NodeInfo> sessionNodes, SlotTable slotTable, long lastSlotEpoch,
                      Switches switches, long appliedIndex) {
        this.dataNodes = sorted(dataNodes);
        this.sessionNodes = sorted(sessionNodes);
        this.slotTable = Objects.requireNonNull(slotTable, "slotTable");
        this.lastSlotEpoch = lastSlotEpoch;
        this.switches = Objects.requireNonNull(switches, "switches");
        this.appliedIndex = appliedIndex;
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

    public List<String> dataAddresses() {
        return dataNodes().stream().map(NodeInfo::address).toList();
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

    /** The live node at {@code address}, whatever its role. */
    public Optional<NodeInfo> node(String address) {
        return allNodes().stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /** True when exactly this process (role, address and process id) is live. */
    public boolean contains(NodeInfo node) {
        return node(node.address()).map(node::equals).orElse(false);
    }

    /** This state with {@code node} live; it replaces whatever process held its address before (a restart). */
    MetaState withNode(NodeInfo node) {
        List<NodeInfo> data = without(dataNodes(), node.address());
        List<NodeInfo> session = without(sessionNodes(), node.address());
        if (node.role() == NodeRole.DATA) {
            data.add(node);
        } else if (node.role() == NodeRole.SESSION) {
            session.add(node);
        } else {
            throw new IllegalArgumentException("meta tracks data and session nodes only, not " + node);
        }
        return new MetaState(data, session, slotTable(), lastSlotEpoch, switches(), appliedIndex);
    }

    /**
     * This state without {@code node}. Only that exact process is removed: an expiry decided for an old process
     * must not remove the new process that has since taken over its address.
     */
    MetaState withoutNode(NodeInfo node) {
        if (!contains(node)) {
            return this;
        }
        return new MetaState(without(dataNodes(), node.address()), without(sessionNodes(), node.address()), slotTable(),
                lastSlotEpoch, switches(), appliedIndex);
    }

    /** This state with {@code table}, unless the table is not newer than every table applied before (then unchanged). */
    MetaState withSlotTable(SlotTable table) {
        if (table.epoch() <= lastSlotEpoch) {
            return this;
        }
        return new MetaState(dataNodes(), sessionNodes(), table, table.epoch(), switches(), appliedIndex);
    }

    /** This state with {@code next} switches. */
    MetaState withSwitches(Switches next) {
        return next.equals(switches()) ? this
                : new MetaState(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch, next, appliedIndex);
    }

    /** A copy built through the constructor, so a decoded state holds immutable, sorted lists like any other. */
    MetaState normalized() {
        return new MetaState(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch, switches(), appliedIndex);
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /** This state as applied up to log entry {@code index}. */
    public MetaState atIndex(long index) {
        return index == appliedIndex ? this
                : new MetaState(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch, switches(), index);
    }

    private static List<NodeInfo> without(List<NodeInfo> nodes, String address) {
        List<NodeInfo> out = new ArrayList<>(nodes);
        out.removeIf(n -> n.address().equals(address));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaState s && dataNodes().equals(s.dataNodes()) && sessionNodes().equals(s.sessionNodes())
                && slotTable().equals(s.slotTable()) && lastSlotEpoch() == s.lastSlotEpoch() && switches().equals(s.switches());
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataNodes(), sessionNodes(), slotTable(), lastSlotEpoch(), switches());
    }

    @Override
    public String toString() {
        return "MetaState{data=" + dataNodes() + " session=" + sessionNodes() + " " + slotTable() + " " + switches() + " at index " + appliedIndex + "}";
    }
}
