package io.roster.client;

import java.util.List;

/**
 * Receives the whole current data of a subscribed dataInfoId each time it changes. Calls for one client come from
 * one dispatcher thread, in order, with strictly increasing versions per subscription; a stale or duplicate push is
 * never delivered. A slow listener delays later deliveries of the same client, never network IO. An exception thrown
 * here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SubscriptionListener {
    /**
     * @param dataInfoId the canonical dataInfoId ({@code dataId#@#instanceId#@#group})
     * @param data       every published item, one per publisher item (in the datum's order, publishers by
     *                   registration, though no order is promised); empty when nothing is published. The list and the arrays are this call's own copies.
     * @param version    the data's version; 0 means nothing was ever published
     */
    void onData(String dataInfoId, List<byte[]> data, long version);

    /** Adapts a listener that wants the items as UTF-8 strings. */
    static SubscriptionListener strings(StringListener listener) {
        return (dataInfoId, data, version) -> listener.onData(dataInfoId, Data.asStrings(data), version);
    }

    /** {@link SubscriptionListener} with the items decoded as UTF-8 strings. */
    @FunctionalInterface
    interface StringListener {
        void onData(String dataInfoId, List<String> data, long version);
    }
}
