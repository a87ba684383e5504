package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to one datum's publishers made under its slot's lock: the tree after them, and the registerIds they wrote
 * and removed, which is all the persistence needs (a write costs O(change), not O(publishers of the datum)).
 * Any number of puts and removals may go into one edit before it is committed as one new version.
 */
final class DatumEdit {
    private final StoredDatum before;
    private PublisherTree publishers;
    private final Map<String, Publisher> written = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();

    DatumEdit(StoredDatum before) {
        this.before = before;
        this.publishers = before.publishers;
    }

    StoredDatum before() {
        return before;
    }

    /** The publisher held under {@code registerId} with the edits so far, or null. */
    Publisher held(String registerId) {
        return publishers.get(registerId);
    }

    void put(Publisher p) {
        publishers = publishers.with(p);
        removed.remove(p.registerId());
        written.put(p.registerId(), p);
    }

    void remove(String registerId) {
        PublisherTree next = publishers.without(registerId);
        if (next != publishers) {
            publishers = next;
            written.remove(registerId);
            removed.add(registerId);
        }
    }

    boolean changed() {
        return !written.isEmpty() || !removed.isEmpty();
    }

    PublisherTree after() {
        return publishers;
    }

    /** The registerIds written or removed. */
    List<String> touched() {
        List<String> ids = new ArrayList<>(written.keySet());
        ids.addAll(removed);
        return ids;
    }

    List<Publisher> written() {
        return new ArrayList<>(written.values());
    }

    List<String> removed() {
        return new ArrayList<>(removed);
    }
}
