package io.roster.session.push;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one delta read changed from the datum version it was read from ({@code baseVersion}): the publishers added or
 * replaced, in the datum's order, which of their registerIds were not there before, and the registerIds gone. A push
 * from that base needs nothing else, so a round built on it costs the change, not the datum.
 */
record ReadDelta(long baseVersion, List<Publisher> changed, Set<String> added, List<String> removed) {
    ReadDelta {
        changed = List.copyOf(changed);
        added = Set.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** How many publishers this delta names (the work of using it). */
    int size() {
        return changed.size() + removed.size();
    }

    /**
     * Consecutive deltas, oldest first (each read from the version the one before led to), as one delta from the first's
     * base: a publisher changed twice appears once (its latest copy), one added then removed not at all.
     */
    static ReadDelta chain(List<ReadDelta> steps) {
        Map<String, Publisher> changed = new LinkedHashMap<>();
        Set<String> added = new HashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        for (ReadDelta step : steps) {
            for (String gone : step.removed()) {
                changed.remove(gone);
                if (!added.remove(gone)) {
                    removed.add(gone); // it was in the base
                }
            }
            for (Publisher p : step.changed()) {
                String key = p.registerId();
                if (!removed.remove(key) && step.added().contains(key)) {
                    added.add(key); // new since the base (one removed from the base and back is a replacement)
                }
                changed.put(key, p);
            }
        }
        List<Publisher> ordered = new ArrayList<>(changed.values());
        ordered.sort(DeltaDatumReader.ORDER);
        return new ReadDelta(steps.get(0).baseVersion(), ordered, added, List.copyOf(removed));
    }
}
