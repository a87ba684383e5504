package io.roster.client.testing;

import io.roster.client.Data;
import io.roster.client.SubscriptionListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that records every delivery. */
public final class PushRecorder implements SubscriptionListener {
    /** One delivery. */
    public record Delivery(String dataInfoId, List<String> data, long version) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onData(String dataInfoId, List<byte[]> data, long version) {
        deliveries.add(new Delivery(dataInfoId, Data.asStrings(data), version));
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Long> versions() {
        return deliveries.stream().map(Delivery::version).toList();
    }
}
