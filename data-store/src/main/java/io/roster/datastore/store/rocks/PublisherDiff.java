package io.roster.datastore.store.rocks;

import io.roster.common.model.Publisher;
import io.roster.datastore.store.PublisherOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a datum's publishers, both in registration order: one merge pass, no hashing,
 * so a write to a datum of many publishers costs a walk over shared references rather than a map of all of them
 * (copy-on-write datums share every untouched publisher, so identity settles almost all).
 */
record PublisherDiff(List<String> removed, List<Publisher> written) {

    static PublisherDiff of(List<Publisher> before, List<Publisher> after) {
        List<String> removed = new ArrayList<>();
        List<Publisher> written = new ArrayList<>();
        int i = 0, j = 0;
        while (i < before.size() || j < after.size()) {
            Publisher b = i < before.size() ? before.get(i) : null;
            Publisher a = j < after.size() ? after.get(j) : null;
            if (b != null && a != null && (b == a || b.registerId().equals(a.registerId()) && b.registerTimestamp() == a.registerTimestamp())) {
                if (b != a && !b.equals(a)) {
                    written.add(a);
                }
                i++;
                j++;
            } else if (a == null || b != null && PublisherOrder.ORDER.compare(b, a) < 0) {
                removed.add(b.registerId());
                i++;
            } else {
                written.add(a);
                j++;
            }
        }
        return new PublisherDiff(removed, written);
    }
}
