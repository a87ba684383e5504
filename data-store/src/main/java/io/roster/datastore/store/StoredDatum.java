package io.roster.datastore.store;

import io.roster.common.model.Datum;

import java.util.Arrays;

/**
 * One datum as the store holds it: immutable, its publishers in a {@link PublisherTree} that the next version shares
 * all but the written path of. The {@link Datum} readers get (publishers in registration order) is built from it
 * when first asked for and kept until the next write replaces this object: a write costs O(log n), and the first
 * read after it pays the O(n log n) of the snapshot once, which a read that sends the datum out pays in O(n) anyway.
 */
final class StoredDatum {
    final String dataInfoId;
    final long version;
    final PublisherTree publishers;
    /** Built at most a few times when readers race; Datum is immutable, so a racy publication shows it whole. */
    private volatile Datum snapshot;

    StoredDatum(String dataInfoId, long version, PublisherTree publishers) {
        this.dataInfoId = dataInfoId;
        this.version = version;
        this.publishers = publishers;
    }

    static StoredDatum absent(String dataInfoId) {
        return new StoredDatum(dataInfoId, 0, PublisherTree.EMPTY);
    }

    int size() {
        return publishers.size();
    }

    /** This version as a {@link Datum}, publishers in registration order. */
    Datum datum() {
        Datum d = snapshot;
        if (d == null) {
            var ordered = publishers.toArray();
            Arrays.sort(ordered, PublisherOrder.ORDER);
            d = new Datum(dataInfoId, version, Arrays.asList(ordered));
            snapshot = d;
        }
        return d;
    }
}
