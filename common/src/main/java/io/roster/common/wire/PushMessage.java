package io.roster.common.wire;

import java.util.List;

/** Session to client: the whole current data of one dataInfoId, for the listed subscribers of that client. */
public final class PushMessage {
    private final String dataInfoId;
    private final long version;
    private final List<String> subscriberIds;
    private final List<byte[]> data;

    public PushMessage(String dataInfoId, long version, List<String> subscriberIds, List<byte[]> data) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.subscriberIds = List.copyOf(subscriberIds);
        this.data = List.copyOf(data);
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

    public List<byte[]> data() {
        return data == null ? List.of() : data;
    }

    @Override
    public String toString() {
        return "PushMessage{" + "dataInfoId=" + dataInfoId + " " + "version=" + version + " " + "subscriberIds=" + subscriberIds + " " + "data=" + data + "}";
    }
}
