package io.roster.datastore.store;

import java.util.List;

/**
 * What one store mutation did. {@code version} is the datum version after a single-datum write (put, remove),
 * also when nothing changed, so a replayed or stale write is still answered with the current version; it is 0
 * for writes that span datums (client-off, session removal). {@code changes} lists every datum whose version
 * rose, for change notices; it is empty when the write changed nothing.
 */
public record WriteResult(long version, List<DatumChange> changes) {
    public WriteResult {
        changes = List.copyOf(changes);
    }

    public static WriteResult unchanged(long version) {
        return new WriteResult(version, List.of());
    }

    public static WriteResult changed(DatumChange change) {
        return new WriteResult(change.version(), List.of(change));
    }

    public static WriteResult ofChanges(List<DatumChange> changes) {
        return new WriteResult(0, changes);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }
}
