package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The providers datum of an interface X ({@code X's dataId#@#instanceId#@#ROSTER_PROVIDERS.group}), computed from the
 * session's catalog, never read from data: one entry per application with a live revision serving X (key = the app,
 * one item = its name in UTF-8), at the catalog's version. Equal entries are equal objects by content (version 1,
 * order 0), so a diff between two catalogs names only the applications that came or went.
 */
final class ProvidersDatum {
    /** The stand-in session of computed entries (a publisher needs one). */
    static final ProcessId CATALOG = new ProcessId("catalog", 0, 0);

    private ProvidersDatum() {
    }

    static Datum of(String providersId, RevisionCatalog catalog) {
        String iface = AppIds.interfaceOfProviders(providersId);
        List<Publisher> entries = new ArrayList<>();
        if (iface != null) {
            for (String app : catalog.providers(iface)) {
                entries.add(new Publisher(app, providersId, "", app, "", List.of(app.getBytes(StandardCharsets.UTF_8)),
                        1, 0, CATALOG));
            }
        }
        return new Datum(providersId, catalog.version(), entries);
    }
}
