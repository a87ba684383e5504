package io.roster.session.push;

import io.roster.common.app.RevisionCatalog;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a change of the session's catalog pushes: the providers datums whose applications changed, and the converted
 * lists of the interfaces it affects (converted again by {@link Conversions}). A change that keeps the catalog's
 * version (a revision registered through this session joins at once; the version follows with the next heartbeat)
 * changes a providers list at an equal version, which no subscriber holding that version would be pushed: such a
 * datum is owed a round at the next higher catalog version, even if that change affects it no more.
 */
final class CatalogChanges {
    private final Conversions conversions;
    /** Interfaces whose providers changed at a catalog version not above the one before, with that version. */
    private final Map<String, Long> owedProviders = new HashMap<>(); // guarded by this

    CatalogChanges(Conversions conversions) {
        this.conversions = conversions;
    }

    /** The push targets that need a round after {@code before} became {@code after}; converts lists again. */
    synchronized Set<String> targets(RevisionCatalog before, RevisionCatalog after) {
        Set<String> affected = RevisionCatalog.interfacesAffected(before, after);
        Set<String> out = new LinkedHashSet<>();
        for (String iface : affected) {
            String providers = PushTargets.providersOf(iface);
            if (providers != null && !before.providers(iface).equals(after.providers(iface))) {
                out.add(providers);
                if (after.version() <= before.version()) {
                    owedProviders.merge(iface, after.version(), Math::max);
                }
            }
            if (conversions.converts(iface)) {
                out.add(iface); // newly converted, or converted again below
            }
        }
        long now = conversions.catalog().version(); // changes may be handled out of order: the newest counts
        owedProviders.entrySet().removeIf(e -> {
            if (now > e.getValue()) {
                out.add(PushTargets.providersOf(e.getKey()));
                return true;
            }
            return false;
        });
        out.addAll(conversions.catalogChanged());
        return out;
    }
}
