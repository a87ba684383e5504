package io.roster.session.catalog;

import io.roster.common.app.RevisionCatalog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * This session's copy of meta's revision catalog. Readers take {@link #current()}, an immutable catalog; every change
 * goes through {@link #update}, one at a time, and its listeners hear (before, after) in the order of the changes.
 */
public final class SessionCatalog {
    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RevisionCatalog current = RevisionCatalog.EMPTY;

    public RevisionCatalog current() {
        return current;
    }

    public void addListener(CatalogListener listener) {
        listeners.add(listener);
    }

    /** Applies {@code change} to the current catalog; listeners hear it when it gave a different catalog. */
    public synchronized RevisionCatalog update(UnaryOperator<RevisionCatalog> change) {
        RevisionCatalog before = current;
        RevisionCatalog after = change.apply(before);
        if (after != before) {
            current = after;
            for (CatalogListener l : listeners) {
                l.onCatalogChanged(before, after);
            }
        }
        return after;
    }
}
