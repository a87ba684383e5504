package io.roster.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every push a subscription delivers, in order. {@link #onData} has the SDK listener's shape, so a test
 * passes {@code recorder::onData} (the kit does not depend on the client); a module may also subclass it as its
 * listener type.
 */
public class PushRecorder {
    /** One delivery, its items decoded as UTF-8 in the order they came. */
    public record Delivery(String dataInfoId, List<String> data, long version) {
        /** The items as a set (order and repeats dropped). */
        public Set<String> items() {
            return Set.copyOf(data);
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public void onData(String dataInfoId, List<byte[]> data, long version) {
        List<String> items = new ArrayList<>(data.size());
        data.forEach(b -> items.add(new String(b, StandardCharsets.UTF_8)));
        deliveries.add(new Delivery(dataInfoId, List.copyOf(items), version));
    }

    /** Every delivery so far, in order (a copy). */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries from the {@code index}-th on (empty when there are not so many). */
    public List<Delivery> deliveriesFrom(int index) {
        List<Delivery> all = deliveries();
        return all.subList(Math.min(index, all.size()), all.size());
    }

    public int size() {
        return deliveries.size();
    }

    public List<Long> versions() {
        return deliveries.stream().map(Delivery::version).toList();
    }

    /** The last delivery, or null before the first. */
    public Delivery last() {
        List<Delivery> all = deliveries();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The items of the last delivery, or null before the first. */
    public List<String> lastData() {
        Delivery d = last();
        return d == null ? null : d.data();
    }

    /** Whether each delivery's version is above the one before. */
    public boolean versionsOnlyRise() {
        List<Delivery> all = deliveries();
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).version() <= all.get(i - 1).version()) {
                return false;
            }
        }
        return true;
    }
}
