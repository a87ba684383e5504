package io.roster.common.wire;

/** One datum in a replica digest: its version and publisher count (a version names one content: each leader hands out its own range). */
public final class DatumDigest {
    private final String dataInfoId;
    private final long version;
    private final int publisherCount;

    public DatumDigest(String dataInfoId, long version, int publisherCount) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.publisherCount = publisherCount;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public long version() {
        return version;
    }

    public int publisherCount() {
        return publisherCount;
    }

    @Override
    public String toString() {
        return "DatumDigest{" + "dataInfoId=" + dataInfoId + ", " + "version=" + version + ", " + "publisherCount=" + publisherCount + "}";
    }
}
