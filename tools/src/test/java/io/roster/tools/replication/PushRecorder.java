package io.roster.tools.replication;

import io.roster.client.SubscriptionListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every push one subscription received, in order of delivery. */
final class PushRecorder implements SubscriptionListener {
    record Push(String dataInfoId, Set<String> items, int itemCount, long version) {
    }

    private final String dataInfoId;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    PushRecorder(String dataInfoId) {
        this.dataInfoId = dataInfoId;
    }

    @Override
    public void onData(String dataInfoId, List<byte[]> data, long version) {
        Set<String> items = new HashSet<>();
        data.forEach(b -> items.add(new String(b, StandardCharsets.UTF_8)));
        pushes.add(new Push(dataInfoId, Set.copyOf(items), data.size(), version));
    }

    String dataInfoId() {
        return dataInfoId;
    }

    int size() {
        return pushes.size();
    }

    List<Push> pushesFrom(int index) {
        List<Push> all = List.copyOf(pushes);
        return all.subList(Math.min(index, all.size()), all.size());
    }

    /** The items of the last push, or null before the first. */
    Set<String> lastItems() {
        List<Push> all = List.copyOf(pushes);
        return all.isEmpty() ? null : all.get(all.size() - 1).items();
    }

    /**
     * One line per push that lacks an item the push before it had: for a dataInfoId whose publishers are only ever
     * added, such a push was a partial list.
     */
    List<String> shrinkingPushes() {
        List<Push> all = List.copyOf(pushes);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            Set<String> lost = new HashSet<>(all.get(i - 1).items());
            lost.removeAll(all.get(i).items());
            if (!lost.isEmpty()) {
                out.add(dataInfoId + ": push " + i + " v" + all.get(i).version() + " lacks " + lost + " of push " + (i - 1)
                        + " v" + all.get(i - 1).version());
            }
        }
        return out;
    }

    /** One line per push that was for another dataInfoId, or whose version did not rise above the one before. */
    List<String> orderViolations() {
        List<Push> all = List.copyOf(pushes);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).dataInfoId().equals(dataInfoId)) {
                out.add(dataInfoId + ": push " + i + " was for " + all.get(i).dataInfoId());
            }
            if (i > 0 && all.get(i).version() <= all.get(i - 1).version()) {
                out.add(dataInfoId + ": push " + i + " has version " + all.get(i).version() + " after "
                        + all.get(i - 1).version());
            }
        }
        return out;
    }
}
