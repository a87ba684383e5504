package io.roster.testkit.wire;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.util.List;

/**
 * The wire shape {@link Publisher} had before the connection generation was appended, as older nodes sent it and
 * older RocksDB copies hold it: encode one with protostuff to test that the current code still reads it.
 */
@SuppressWarnings("unused") // the fields are read by protostuff's runtime schema
public final class PublisherWithoutGeneration {
    private final String registerId;
    private final String dataInfoId;
    private final String clientId;
    private final String appName;
    private final String zone;
    private final List<byte[]> data;
    private final long version;
    private final long registerTimestamp;
    private final ProcessId sessionProcessId;

    /** {@code p} without its connection generation. */
    public PublisherWithoutGeneration(Publisher p) {
        registerId = p.registerId();
        dataInfoId = p.dataInfoId();
        clientId = p.clientId();
        appName = p.appName();
        zone = p.zone();
        data = p.data();
        version = p.version();
        registerTimestamp = p.registerTimestamp();
        sessionProcessId = p.sessionProcessId();
    }
}
