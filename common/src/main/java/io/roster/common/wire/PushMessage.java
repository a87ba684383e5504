package io.roster.common.wire;

import java.util.List;

/**
 * Session to client: the whole current data of one dataInfoId, for the listed subscribers of that client. Large data
 * travels deflated ({@link PushDeflate}, session.push-compress-min-bytes): then {@code data} is empty and the client
 * reads the items through {@link #inflated(long)}.
 */
public final class PushMessage {
    private final String dataInfoId;
    private final long version;
    private final List<String> subscriberIds;
    private final List<byte[]> data;
    private final byte[] deflated;

    public PushMessage(String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data) {
        this(dataInfoId, version, subscriberIds, data, null);
    }

    private PushMessage(String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data, byte[] deflated) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.subscriberIds = List.copyOf(subscriberIds);
        this.data = List.copyOf(data);
        this.deflated = deflated;
    }

    /** A push whose items are {@code deflated} (made by {@link PushDeflate#deflate}). */
    public static PushMessage deflated(String dataInfoId, long version, List<String> subscriberIds, byte[] deflated) {
        return new PushMessage(dataInfoId, version, subscriberIds, List.of(), deflated);
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

    /** The items as sent plain; empty when {@link #isDeflated()}. */
    public List<byte[]> data() {
        return data == null ? List.of() : data;
    }

    public boolean isDeflated() {
        return deflated != null;
    }

    /**
     * This push with its items plain: itself when it was not deflated. Throws
     * {@link io.roster.common.model.InvalidInputException} when the deflated items are corrupt or exceed
     * {@code maxBytes}.
     */
    public PushMessage inflated(long maxBytes) {
        if (deflated == null) {
            return this;
        }
        return new PushMessage(dataInfoId, version, subscriberIds(), PushDeflate.inflate(deflated, maxBytes), null);
    }

    /** The bytes of data this push carries on the wire: the deflated size, or the items' sum. */
    public long payloadBytes() {
        return deflated != null ? deflated.length : data().stream().mapToLong(b -> b.length).sum();
    }

    @Override
    public String toString() {
        return "PushMessage{" + "dataInfoId=" + dataInfoId + " " + "version=" + version + " " + "subscriberIds="
                + subscriberIds + " " + (deflated != null ? "deflated=" + deflated.length + "B" : data().size() + " items") + "}";
    }
}
