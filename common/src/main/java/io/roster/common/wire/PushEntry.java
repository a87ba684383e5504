package io.roster.common.wire;

import java.util.List;
import java.util.Objects;

/**
 * One publisher's items in a push to a delta-capable client: {@code key} is the publisher's registerId, {@code order}
 * its place in the datum (its registerTimestamp; ties go by key), so a client that applies deltas keeps the list in
 * the datum's order (publisher registration order, as data keeps it).
 */
public final class PushEntry {
    private final String key;
    private final long order;
    private final List<byte[]> items;

    public PushEntry(String key, long order, List<byte[]> items) {
        this.key = Objects.requireNonNull(key, "key");
        this.order = order;
        this.items = List.copyOf(items);
    }

    public String key() {
        return key;
    }

    public long order() {
        return order;
    }

    public List<byte[]> items() {
        return items == null ? List.of() : items;
    }

    /** The bytes this entry costs on the wire, roughly: its items, its key and its order. */
    long sizeBytes() {
        return items().stream().mapToLong(b -> b.length).sum() + key.length() + 8;
    }

    @Override
    public String toString() {
        return "PushEntry{" + key + " @" + order + " " + items().size() + " items}";
    }
}
