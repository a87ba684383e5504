package io.roster.tools;

import io.roster.client.SubscriptionListener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every push a subscription received, in order. */
final class RecordingListener implements SubscriptionListener {
    record Push(String dataInfoId, List<String> data, long version) {
    }

    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    @Override
    public void onData(String dataInfoId, List<byte[]> data, long version) {
        pushes.add(new Push(dataInfoId, data.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList(), version));
    }

    List<Push> pushes() {
        return pushes;
    }

    Push last() {
        return pushes.isEmpty() ? null : pushes.get(pushes.size() - 1);
    }

    List<String> lastData() {
        Push p = last();
        return p == null ? null : p.data();
    }

    boolean versionsOnlyRise() {
        for (int i = 1; i < pushes.size(); i++) {
            if (pushes.get(i).version() <= pushes.get(i - 1).version()) {
                return false;
            }
        }
        return true;
    }
}
