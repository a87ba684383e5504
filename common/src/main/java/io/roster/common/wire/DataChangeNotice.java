package io.roster.common.wire;


/** Data node to session (oneway): a datum changed to this version. */
public final class DataChangeNotice {
    private final String dataInfoId;
    private final long version;

    public DataChangeNotice(String dataInfoId, long version) {
        this.dataInfoId = dataInfoId;
        this.version = version;
    }

    public String dataInfoId() {
        return dataInfoId;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "DataChangeNotice{" + "dataInfoId=" + dataInfoId + " " + "version=" + version + "}";
    }
}
