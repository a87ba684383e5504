package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Registration order of the publishers in a datum: first registerTimestamp, then registerId. A stable order keeps
 * consecutive pushes of one datum comparable, so a subscriber sees an addition rather than a reshuffle.
 */
public final class PublisherOrder {
    public static final Comparator<Publisher> ORDER =
            Comparator.comparingLong(Publisher::registerTimestamp).thenComparing(Publisher::registerId);

    private PublisherOrder() {
    }

    static int indexOf(List<Publisher> publishers, String registerId) {
        for (int i = 0; i < publishers.size(); i++) {
            if (publishers.get(i).registerId().equals(registerId)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of {@code publishers} without the one at {@code replaced} (if >= 0) and with {@code added} in order. */
    static List<Publisher> with(List<Publisher> publishers, int replaced, Publisher added) {
        List<Publisher> next = new ArrayList<>(publishers.size() + 1);
        next.addAll(publishers);
        if (replaced >= 0) {
            next.remove(replaced);
        }
        int at = Collections.binarySearch(next, added, ORDER);
        next.add(at >= 0 ? at : -at - 1, added);
        return next;
    }
}
