package io.roster.client.registry;

import java.util.List;

/** What the session must hold for one publication: the latest data and its version. Immutable; republish makes a new one. */
public record PublisherRecord(String registerId, String dataInfoId, List<byte[]> data, long version) {
    public PublisherRecord {
        data = List.copyOf(data);
    }

    /** The first version of a new publication. */
    public static PublisherRecord first(String registerId, String dataInfoId, List<byte[]> data) {
        return new PublisherRecord(registerId, dataInfoId, data, 1);
    }

    /** The record after a republish of {@code newData}. */
    public PublisherRecord next(List<byte[]> newData) {
        return new PublisherRecord(registerId, dataInfoId, newData, version + 1);
    }
}
