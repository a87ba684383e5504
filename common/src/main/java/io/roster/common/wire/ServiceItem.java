package io.roster.common.wire;

import java.util.Objects;

/** One dataInfoId in a session's registry: how many publishers and subscribers this session holds of it. */
public final class ServiceItem {
    private final String dataInfoId;
    private final int publishers;
    private final int subscribers;

    public ServiceItem(String dataInfoId, int publishers, int subscribers) {
        this.dataInfoId = dataInfoId;
        this.publishers = publishers;
        this.subscribers = subscribers;
    }

    public String dataInfoId() {
        return dataInfoId == null ? "" : dataInfoId;
    }

    public int publishers() {
        return publishers;
    }

    public int subscribers() {
        return subscribers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceItem s && dataInfoId().equals(s.dataInfoId()) && publishers == s.publishers
                && subscribers == s.subscribers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataInfoId(), publishers, subscribers);
    }

    @Override
    public String toString() {
        return "ServiceItem{" + dataInfoId() + " pub=" + publishers + " sub=" + subscribers + "}";
    }
}
