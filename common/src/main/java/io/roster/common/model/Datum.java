package io.roster.common.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Everything published under one dataInfoId, at one datum version. Publishers are in registration order. */
public final class Datum {
    private final String dataInfoId;
    private final long version;
    private final List<Publisher> publishers;

    public Datum(String dataInfoId, long version, List<Publisher> publishers) {
        this.dataInfoId = Objects.requireNonNull(dataInfoId, "dataInfoId");
        this.version = version;
        this.publishers = List.copyOf(publishers);
    }

    /** A datum nobody has written: version 0 is below every real version, so it never overrides one. */
    public static Datum absent(String dataInfoId) {
        return new Datum(dataInfoId, 0, List.of());
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public long version() {
        return version;
    }

    public List<Publisher> publishers() {
        return publishers == null ? List.of() : publishers;
    }

    /** The data items of every publisher, flattened in publisher order: what a subscriber is pushed. */
    public List<byte[]> flattenData() {
        List<byte[]> all = new ArrayList<>();
        for (Publisher p : publishers()) {
            all.addAll(p.data());
        }
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datum d && dataInfoId.equals(d.dataInfoId) && version == d.version && publishers().equals(d.publishers());
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataInfoId, version);
    }

    @Override
    public String toString() {
        return "Datum{" + dataInfoId + " v" + version + " publishers=" + publishers().size() + "}";
    }
}
