package io.roster.tools.app;

import io.roster.client.InterfaceInstance;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every list an {@link io.roster.client.InterfaceListener} gets, as sets of interface-level items. */
final class InterfaceRecorder {
    record Delivery(List<InterfaceInstance> instances, long version) {
        Set<String> items() {
            Set<String> out = new TreeSet<>();
            instances.forEach(i -> out.add(i.item()));
            return out;
        }

        Set<String> addresses() {
            Set<String> out = new TreeSet<>();
            instances.forEach(i -> out.add(i.address()));
            return out;
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    void onInstances(String interfaceId, List<InterfaceInstance> instances, long version) {
        deliveries.add(new Delivery(List.copyOf(instances), version));
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    Delivery last() {
        List<Delivery> all = deliveries();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    Set<String> lastItems() {
        Delivery d = last();
        return d == null ? null : d.items();
    }
}
