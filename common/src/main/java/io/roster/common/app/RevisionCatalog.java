package io.roster.common.app;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The registered revisions at one meta state, with the indexes derived from them. Immutable: a change gives a new
 * catalog, so a reader sees one consistent state.
 *
 * <p>Two interface-to-applications indexes are kept. {@link #providers} holds the applications with a live revision
 * that serves the interface: what a consumer resolves through. {@link #everProviders} also keeps the applications
 * whose revisions serving it were collected since: it only grows, so the version of a converted interface-level list
 * (a sum over its parts, see docs/ARCHITECTURE.md) never loses a part and never goes down. A pair costs a few bytes.
 *
 * <p>{@code version} is the meta log index of the last change to the revisions; it only grows and is the same for
 * every node that has applied that change.
 */
public final class RevisionCatalog {
    public static final RevisionCatalog EMPTY = new RevisionCatalog(0, Map.of(), Map.of());

    private final long version;
    private final Map<String, Revision> byDigest;
    private final Map<String, SortedSet<String>> everProviders;
    private final Map<String, SortedSet<String>> providers;
    private final Map<String, List<Revision>> byApp;

    private RevisionCatalog(long version, Map<String, Revision> byDigest, Map<String, SortedSet<String>> everProviders) {
        this.version = version;
        this.byDigest = Map.copyOf(byDigest);
        Map<String, SortedSet<String>> ever = new HashMap<>();
        everProviders.forEach((iface, apps) -> ever.put(iface, Collections.unmodifiableSortedSet(new TreeSet<>(apps))));
        Map<String, SortedSet<String>> live = new HashMap<>();
        Map<String, List<Revision>> apps = new HashMap<>();
        for (Revision r : this.byDigest.values()) {
            apps.computeIfAbsent(r.app(), a -> new java.util.ArrayList<>()).add(r);
            for (InterfaceSpec s : r.interfaces()) {
                live.computeIfAbsent(s.dataInfoId(), i -> new TreeSet<>()).add(r.app());
                SortedSet<String> e = ever.get(s.dataInfoId());
                if (e == null || !e.contains(r.app())) {
                    SortedSet<String> grown = new TreeSet<>(e == null ? Set.of() : e);
                    grown.add(r.app());
                    ever.put(s.dataInfoId(), Collections.unmodifiableSortedSet(grown));
                }
            }
        }
        live.replaceAll((iface, set) -> Collections.unmodifiableSortedSet(set));
        apps.replaceAll((app, list) -> List.copyOf(list.stream().sorted(java.util.Comparator.comparing(Revision::digest)).toList()));
        this.everProviders = Map.copyOf(ever);
        this.providers = Map.copyOf(live);
        this.byApp = Map.copyOf(apps);
    }

    /** A catalog of exactly these revisions and pairs at {@code version}. */
    public static RevisionCatalog of(long version, Collection<Revision> revisions, Collection<InterfaceProviders> pairs) {
        Map<String, Revision> byDigest = new HashMap<>();
        revisions.forEach(r -> byDigest.put(r.digest(), r));
        return new RevisionCatalog(version, byDigest, pairsMap(pairs, Map.of()));
    }

    /**
     * This catalog moved to {@code version}: {@code added} revisions registered, every revision not in
     * {@code liveDigests} collected (null: none collected), {@code pairsAdded} remembered. A catalog at a version
     * at or above {@code version} is returned unchanged: updates only move a catalog forward.
     */
    public RevisionCatalog advance(long version, Collection<Revision> added, Collection<String> liveDigests,
                                   Collection<InterfaceProviders> pairsAdded) {
        if (version <= this.version) {
            return this;
        }
        Map<String, Revision> next = new HashMap<>(byDigest);
        added.forEach(r -> next.put(r.digest(), r));
        if (liveDigests != null) {
            Set<String> live = new HashSet<>(liveDigests);
            next.keySet().retainAll(live);
        }
        return new RevisionCatalog(version, next, pairsMap(pairsAdded, everProviders));
    }

    /** The same catalog without {@code digests} (collected), at {@code version}. */
    public RevisionCatalog without(long version, Collection<String> digests) {
        Map<String, Revision> next = new HashMap<>(byDigest);
        next.keySet().removeAll(new HashSet<>(digests));
        return new RevisionCatalog(Math.max(version, this.version), next, everProviders);
    }

    /** The same catalog with {@code revision} registered, at {@code version}. */
    public RevisionCatalog with(long version, Revision revision) {
        Map<String, Revision> next = new HashMap<>(byDigest);
        next.put(revision.digest(), revision);
        return new RevisionCatalog(Math.max(version, this.version), next, everProviders);
    }

    private static Map<String, SortedSet<String>> pairsMap(Collection<InterfaceProviders> pairs,
                                                          Map<String, SortedSet<String>> base) {
        Map<String, SortedSet<String>> out = new HashMap<>(base);
        for (InterfaceProviders p : pairs) {
            SortedSet<String> set = new TreeSet<>(out.getOrDefault(p.interfaceId(), Collections.emptySortedSet()));
            set.addAll(p.apps());
            out.put(p.interfaceId(), set);
        }
        return out;
    }

    public long version() {
        return version;
    }

    public Revision revision(String digest) {
        return byDigest.get(digest);
    }

    public Collection<Revision> revisions() {
        return byDigest.values();
    }

    public int size() {
        return byDigest.size();
    }

    /** The applications that have a live revision, sorted. */
    public SortedSet<String> apps() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byApp.keySet()));
    }

    /** The live revisions of {@code app}, by digest. */
    public List<Revision> revisionsOf(String app) {
        return byApp.getOrDefault(app, List.of());
    }

    /** The applications with a live revision serving {@code interfaceId} (canonical), sorted. */
    public SortedSet<String> providers(String interfaceId) {
        return providers.getOrDefault(interfaceId, Collections.emptySortedSet());
    }

    /** Every application that has served {@code interfaceId} in a revision registered here: only grows. */
    public SortedSet<String> everProviders(String interfaceId) {
        return everProviders.getOrDefault(interfaceId, Collections.emptySortedSet());
    }

    /** The interfaces served by a live revision, sorted. */
    public SortedSet<String> interfaces() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
    }

    /** Every remembered interface-to-applications pair, for a full copy to another node. */
    public List<InterfaceProviders> pairs() {
        return everProviders.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new InterfaceProviders(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /**
     * The interfaces whose conversion may differ between {@code before} and {@code after}: those served by a
     * revision registered or collected in between, and those whose pairs changed.
     */
    public static Set<String> interfacesAffected(RevisionCatalog before, RevisionCatalog after) {
        Set<String> out = new HashSet<>();
        for (Revision r : after.byDigest.values()) {
            if (!before.byDigest.containsKey(r.digest())) {
                r.interfaces().forEach(s -> out.add(s.dataInfoId()));
            }
        }
        for (Revision r : before.byDigest.values()) {
            if (!after.byDigest.containsKey(r.digest())) {
                r.interfaces().forEach(s -> out.add(s.dataInfoId()));
            }
        }
        after.everProviders.forEach((iface, apps) -> {
            if (!apps.equals(before.everProviders.get(iface))) {
                out.add(iface);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "RevisionCatalog{version " + version + ", " + byDigest.size() + " revision(s), " + byApp.size() + " app(s)}";
    }
}
