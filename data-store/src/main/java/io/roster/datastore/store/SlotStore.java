package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The publishers of the slots a data node holds, as immutable datums. Pure state and version rules: no I/O, no
 * knowledge of slot tables or sessions. Callers pass the slot each dataInfoId hashes to and the leaderEpoch of
 * that slot, which seeds the versions ({@link io.roster.common.slot.DatumVersions}): a datum's version strictly
 * rises on every real change and never goes back, not even when its last publisher leaves (the empty datum is
 * kept as a tombstone with its version until {@link TombstoneCollector} collects it; the slot's
 * {@link #collectedHigh} then keeps a datum created again above every version it had).
 *
 * <p>Leader writes (put, remove, syncSession, removeOwnersExcept) throw {@link SlotMovedException} once this node
 * no longer leads the slot at the given leaderEpoch ({@link SlotGuard}); the multi-slot ones skip such slots. A put
 * or syncSession for a session process meta expired throws {@link OwnerExpiredException}.
 *
 * <p>Writes to one slot are applied one at a time; reads never block and see either the datum before or after a
 * write. Publishers inside a datum are in registration order (registerTimestamp, then registerId).
 */
public interface SlotStore {

    /**
     * Stores {@code publisher} under its dataInfoId, replacing the one with the same registerId only if it takes
     * precedence: a higher version, or at an equal version a higher connection generation (a replay after the
     * client moved, which takes ownership). At an equal version and generation only the owning session may restate
     * it; from another session it is a late or duplicate write and changes nothing, as does a stale or identical one.
     */
    WriteResult put(int slot, Publisher publisher, long leaderEpoch);

    /**
     * Stores several publishers of one slot, each as {@link #put} would, in order; the result for each is its datum's
     * version after them all. A store may apply them in one write (one hold of the slot's lock, one persisted batch, a
     * datum they change versioned once); the changes of each datum are then carried by one of the results only.
     */
    default List<WriteResult> putAll(int slot, List<Publisher> publishers, long leaderEpoch) {
        return publishers.stream().map(p -> put(slot, p, leaderEpoch)).toList();
    }

    /** As {@link #remove(int, String, String, ProcessId, long, long)} with no removal tick. */
    default WriteResult remove(int slot, String dataInfoId, String registerId, ProcessId sessionProcessId, long leaderEpoch) {
        return remove(slot, dataInfoId, registerId, sessionProcessId, 0, leaderEpoch);
    }

    /**
     * Removes one publisher, only if {@code sessionProcessId} owns it (ARCHITECTURE.md invariant 4). {@code removedAt},
     * the session's registration-clock tick of the removal (0: unknown), is remembered for a while: a later put or
     * syncSession of that registration stamped or snapshotted before it is stale and changes nothing.
     */
    WriteResult remove(int slot, String dataInfoId, String registerId, ProcessId sessionProcessId, long removedAt, long leaderEpoch);

    /**
     * Removes every publisher of {@code clientId} owned by {@code sessionProcessId} and registered at or before
     * {@code registeredBefore}, in the given slots only.
     *
     * @param leaderEpochBySlot the slots to clean (those this node leads) and each one's leaderEpoch
     */
    default WriteResult clientOff(ProcessId sessionProcessId, String clientId, long registeredBefore, Map<Integer, Long> leaderEpochBySlot) {
        return clientOff(sessionProcessId, clientId, registeredBefore, 0, leaderEpochBySlot);
    }

    /** As above; {@code removedAt} is remembered as for {@link #remove(int, String, String, ProcessId, long, long)}. */
    WriteResult clientOff(ProcessId sessionProcessId, String clientId, long registeredBefore, long removedAt,
                          Map<Integer, Long> leaderEpochBySlot);

    /**
     * Drops every publisher {@code sessionProcessId} owned in the given slots: meta expired that process, so it owns
     * nothing anywhere any more. Only a slot's leader changes its datums (followers install the leader's), so the
     * caller passes the slots it leads.
     *
     * @param leaderEpochBySlot the slots to clean and each one's leaderEpoch
     */
    WriteResult removeSession(ProcessId sessionProcessId, Map<Integer, Long> leaderEpochBySlot);

    /**
     * Makes what {@code session} owns in {@code slot} equal to {@code publishers}, the session's own list as of
     * {@code snapshotStamp}: each listed publisher is stored as by {@link #put} (except that at an equal version a
     * publisher of another session registered later than the listed one keeps its ownership: the client moved),
     * and each publisher the session owns here that is not listed is removed if it was registered at or before
     * {@code snapshotStamp} (a later one raced the snapshot and stays). Publishers of other sessions are untouched.
     */
    WriteResult syncSession(int slot, ProcessId session, long snapshotStamp, List<Publisher> publishers, long leaderEpoch);

    /** Removes from {@code slot} every publisher whose owning session process fails {@code live}. */
    WriteResult removeOwnersExcept(int slot, Predicate<ProcessId> live, long leaderEpoch);

    /**
     * Follower side of replication: makes the datum exactly {@code datum} (version and publishers as the leader
     * of {@code leaderEpoch} sent them; no version rule, the leader is authoritative). Returns whether anything
     * changed; throws {@link SlotMovedException} once this node no longer follows that leader.
     */
    boolean install(int slot, long leaderEpoch, Datum datum);

    /**
     * Removes tombstones of {@code slot} (dataInfoId -> the version it was seen empty at), each only if it is still
     * empty at exactly that version, and raises {@link #collectedHigh} to the highest version removed, in memory
     * and on disk in one write. Local housekeeping on leaders and followers alike: no version changes, no notice.
     * Returns how many were removed.
     */
    int collectTombstones(int slot, Map<String, Long> tombstoneVersions);

    /**
     * The highest version of a tombstone collected in {@code slot} (0 if none), kept across restarts and slot drops:
     * a datum created again in the slot gets a version above it, so above every version the old datum had.
     */
    long collectedHigh(int slot);

    /** Forgets every datum of {@code slot}, tombstones included (memory and disk). */
    void dropSlot(int slot);

    /** The slots that hold at least one datum (tombstones included). */
    Set<Integer> slots();

    /** The datum of {@code dataInfoId}, or {@link Datum#absent} (version 0) if it was never written. */
    Datum get(String dataInfoId);

    /**
     * The datum of {@code dataInfoId} as the changes since {@code sinceVersion} when this store knows them (see
     * {@link DatumRead}) within the slot's {@code leaderEpoch}, else whole; {@code sinceVersion} 0 asks for the whole
     * datum.
     */
    default DatumRead read(String dataInfoId, long sinceVersion, long leaderEpoch) {
        return DatumRead.whole(get(dataInfoId));
    }

    /** Every datum held for {@code slot}, tombstones included, in no particular order. */
    List<Datum> datums(int slot);

    /** Publishers held, over all slots. */
    long publisherCount();

    /** Datums that have at least one publisher, over all slots. */
    long datumCount();
}
