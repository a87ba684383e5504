package io.roster.client.registry;

import io.roster.common.app.Revision;

import java.util.List;

/**
 * What the session must hold for one publication: the latest data and its version. Immutable; republish makes a new
 * one. {@code revision} is set for an application instance's publication: the session takes the instance only once
 * that revision is registered on the connection, so every replay registers it before the publish.
 */
public record PublisherRecord(String registerId, String dataInfoId, List<byte[]> data, long version, Revision revision) {
    public PublisherRecord {
        data = List.copyOf(data);
    }

    public PublisherRecord(String registerId, String dataInfoId, List<byte[]> data, long version) {
        this(registerId, dataInfoId, data, version, null);
    }

    /** The first version of a new publication. */
    public static PublisherRecord first(String registerId, String dataInfoId, List<byte[]> data) {
        return new PublisherRecord(registerId, dataInfoId, data, 1);
    }

    /** The first version of an application instance's publication, which needs {@code revision} registered. */
    public static PublisherRecord first(String registerId, String dataInfoId, List<byte[]> data, Revision revision) {
        return new PublisherRecord(registerId, dataInfoId, data, 1, revision);
    }

    /** The record after a republish of {@code newData} (same revision). */
    public PublisherRecord next(List<byte[]> newData) {
        return new PublisherRecord(registerId, dataInfoId, newData, version + 1, revision);
    }

    /** The record after a republish of {@code newData} serving {@code newRevision}. */
    public PublisherRecord next(List<byte[]> newData, Revision newRevision) {
        return new PublisherRecord(registerId, dataInfoId, newData, version + 1, newRevision);
    }
}
