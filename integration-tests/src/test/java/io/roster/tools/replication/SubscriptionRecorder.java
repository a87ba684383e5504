package io.roster.tools.replication;

import io.roster.client.SubscriptionListener;
import io.roster.testkit.PushRecorder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Keeps every push one subscription received, in order of delivery, and checks them against that subscription. */
final class SubscriptionRecorder extends PushRecorder implements SubscriptionListener {
    private final String dataInfoId;

    SubscriptionRecorder(String dataInfoId) {
        this.dataInfoId = dataInfoId;
    }

    String dataInfoId() {
        return dataInfoId;
    }

    /** The items of the last push, or null before the first. */
    Set<String> lastItems() {
        Delivery last = last();
        return last == null ? null : last.items();
    }

    /**
     * One line per push that lacks an item the push before it had: for a dataInfoId whose publishers are only ever
     * added, such a push was a partial list.
     */
    List<String> shrinkingPushes() {
        List<Delivery> all = deliveries();
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
        List<Delivery> all = deliveries();
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
