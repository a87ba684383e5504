package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.Comparator;

/**
 * Registration order of the publishers in a datum: first registerTimestamp, then registerId. A stable order keeps
 * consecutive pushes of one datum comparable, so a subscriber sees an addition rather than a reshuffle.
 */
public final class PublisherOrder {
    public static final Comparator<Publisher> ORDER =
            Comparator.comparingLong(Publisher::registerTimestamp).thenComparing(Publisher::registerId);

    private PublisherOrder() {
    }
}
