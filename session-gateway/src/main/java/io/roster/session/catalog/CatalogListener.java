package io.roster.session.catalog;

import io.roster.common.app.RevisionCatalog;

/** Told of every change of a session's revision catalog, in order, with the catalog before and after it. */
@FunctionalInterface
public interface CatalogListener {
    void onCatalogChanged(RevisionCatalog before, RevisionCatalog after);
}
