package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a datum's publishers when the whole datum is replaced (a follower installing
 * what its leader sent): one merge pass over both in registerId order. Writes that know what they changed
 * ({@link DatumEdit}) need no diff.
 */
record PublisherDiff(List<String> removed, List<Publisher> written) {

    static PublisherDiff of(PublisherTree before, PublisherTree after) {
        Publisher[] b = before.toArray(), a = after.toArray();
        List<String> removed = new ArrayList<>();
        List<Publisher> written = new ArrayList<>();
        int i = 0, j = 0;
        while (i < b.length || j < a.length) {
            int c = i == b.length ? 1 : j == a.length ? -1 : b[i].registerId().compareTo(a[j].registerId());
            if (c == 0) {
                if (b[i] != a[j] && !b[i].equals(a[j])) {
                    written.add(a[j]);
                }
                i++;
                j++;
            } else if (c < 0) {
                removed.add(b[i++].registerId());
            } else {
                written.add(a[j++]);
            }
        }
        return new PublisherDiff(removed, written);
    }
}
