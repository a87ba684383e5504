package io.roster.common.wire;

import java.util.List;

/**
 * Session to client: the data of one dataInfoId, for the listed subscribers of that client.
 *
 * <p>Two shapes. Plain (what a client that sent no {@link ClientHello#PUSH_DELTA} gets, and all an older SDK knows):
 * {@code data} is the whole current list, items without identity. Keyed ({@link #isKeyed()}, delta-capable clients
 * only): the items come as {@link PushEntry}s, one per publisher, keyed by its registerId; with
 * {@link #baseVersion()} 0 the entries are the whole list, above 0 the push is a delta from that version: the entries
 * added or replaced since, and the {@link #removedKeys()} gone since. Large data travels deflated
 * ({@link PushDeflate}, {@link PushEntriesDeflate}, session.push-compress-min-bytes): the client reads it through
 * {@link #inflated(long)}. Fields after {@code deflated} were appended, so older SDKs decode plain pushes as before.
 */
public final class PushMessage {
    private final String dataInfoId;
    private final long version;
    private final List<String> subscriberIds;
    private final List<byte[]> data;
    private final byte[] deflated;
    // appended for delta push (issue 14)
    private final boolean keyed;
    private final long baseVersion;
    private final List<PushEntry> entries;
    private final List<String> removedKeys;
    private final byte[] deflatedEntries;

    public PushMessage(String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data) {
        this(dataInfoId, version, subscriberIds, data, null, false, 0, List.of(), List.of(), null);
    }

    private PushMessage(String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data, byte[] deflated,
                        boolean keyed, long baseVersion, List<PushEntry> entries, List<String> removedKeys,
                        byte[] deflatedEntries) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.subscriberIds = List.copyOf(subscriberIds);
        this.data = List.copyOf(data);
        this.deflated = deflated;
        this.keyed = keyed;
        this.baseVersion = baseVersion;
        this.entries = List.copyOf(entries);
        this.removedKeys = List.copyOf(removedKeys);
        this.deflatedEntries = deflatedEntries;
    }

    /** A plain push whose items are {@code deflated} (made by {@link PushDeflate#deflate}). */
    public static PushMessage deflated(String dataInfoId, long version, List<String> subscriberIds, byte[] deflated) {
        return new PushMessage(dataInfoId, version, subscriberIds, List.of(), deflated, false, 0, List.of(), List.of(), null);
    }

    /**
     * A keyed push: the whole list as {@code entries} when {@code baseVersion} is 0, else the delta from
     * {@code baseVersion} (entries added or replaced, keys removed).
     */
    public static PushMessage keyed(String dataInfoId, long version, List<String> subscriberIds, long baseVersion,
                                    List<PushEntry> entries, List<String> removedKeys) {
        return new PushMessage(dataInfoId, version, subscriberIds, List.of(), null, true, baseVersion, entries,
                removedKeys, null);
    }

    /** A keyed push whose entries and removed keys are {@code deflated} (made by {@link PushEntriesDeflate#deflate}). */
    public static PushMessage keyedDeflated(String dataInfoId, long version, List<String> subscriberIds, long baseVersion,
                                            byte[] deflated) {
        return new PushMessage(dataInfoId, version, subscriberIds, List.of(), null, true, baseVersion, List.of(),
                List.of(), deflated);
    }

    /** This push addressed to {@code ids} instead: one payload serves every connection of a round. */
    public PushMessage forSubscribers(List<String> ids) {
        return new PushMessage(dataInfoId, version, ids, data(), deflated, keyed, baseVersion, entries(), removedKeys(),
                deflatedEntries);
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public long version() {
        return version;
    }

    public List<String> subscriberIds() {
        return subscriberIds == null ? List.of() : subscriberIds;
    }

    /** The items as sent plain; empty when {@link #isDeflated()} or {@link #isKeyed()}. */
    public List<byte[]> data() {
        return data == null ? List.of() : data;
    }

    public boolean isDeflated() {
        return deflated != null || deflatedEntries != null;
    }

    /** Whether the items come as keyed {@link #entries()} (a delta-capable client's push) rather than {@link #data()}. */
    public boolean isKeyed() {
        return keyed;
    }

    /** The version a delta applies to; 0 when this push holds the whole list. */
    public long baseVersion() {
        return baseVersion;
    }

    /** A keyed push that holds only what changed since {@link #baseVersion()}. */
    public boolean isDelta() {
        return keyed && baseVersion > 0;
    }

    /** The entries as sent plain (the whole list, or those added or replaced since the base); empty when deflated. */
    public List<PushEntry> entries() {
        return entries == null ? List.of() : entries;
    }

    /** The keys gone since {@link #baseVersion()}; empty when deflated. */
    public List<String> removedKeys() {
        return removedKeys == null ? List.of() : removedKeys;
    }

    /**
     * This push with its items plain: itself when it was not deflated. Throws
     * {@link io.roster.common.model.InvalidInputException} when the deflated items are corrupt or exceed
     * {@code maxBytes}.
     */
    public PushMessage inflated(long maxBytes) {
        if (deflatedEntries != null) {
            PushEntriesDeflate.Entries plain = PushEntriesDeflate.inflate(deflatedEntries, maxBytes);
            return keyed(dataInfoId, version, subscriberIds(), baseVersion, plain.entries(), plain.removedKeys());
        }
        if (deflated == null) {
            return this;
        }
        return new PushMessage(dataInfoId, version, subscriberIds(), PushDeflate.inflate(deflated, maxBytes));
    }

    /** The bytes of data this push carries on the wire: the deflated size, or the items' (and keys') sum. */
    public long payloadBytes() {
        if (deflated != null) {
            return deflated.length;
        }
        if (deflatedEntries != null) {
            return deflatedEntries.length;
        }
        return data().stream().mapToLong(b -> b.length).sum() + entries().stream().mapToLong(PushEntry::sizeBytes).sum()
                + removedKeys().stream().mapToLong(String::length).sum();
    }

    @Override
    public String toString() {
        String shape = !keyed ? (deflated != null ? "deflated=" + deflated.length + "B" : data().size() + " items")
                : (baseVersion > 0 ? "delta from v" + baseVersion + " " : "full ")
                + (deflatedEntries != null ? "deflated=" + deflatedEntries.length + "B"
                : entries().size() + " entries, " + removedKeys().size() + " removed");
        return "PushMessage{" + "dataInfoId=" + dataInfoId + " " + "version=" + version + " " + "subscriberIds="
                + subscriberIds + " " + shape + "}";
    }
}
