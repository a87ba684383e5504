package io.roster.meta.image;

import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.meta.state.RevisionsState;
import io.roster.meta.state.RevisionsState.StampedPair;
import io.roster.meta.state.RevisionsState.StampedRevision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The registered revisions as the log made them: the {@link RevisionCatalog} (live revisions, remembered
 * interface-to-application pairs, version = log index of the last change) plus, for each live revision and each
 * pair, the log index of the entry that added it, so "what changed since version N" is read without history.
 * Immutable; a change gives a new image.
 */
public final class RevisionsImage {
    public static final RevisionsImage EMPTY = new RevisionsImage(RevisionCatalog.EMPTY, Map.of(), Map.of());

    private final RevisionCatalog catalog;
    /** digest -> index of the entry that registered it (live revisions only). */
    private final Map<String, Long> registeredAt;
    /** interface -> app -> index of the entry that added the pair (never removed). */
    private final Map<String, Map<String, Long>> pairAddedAt;

    private RevisionsImage(RevisionCatalog catalog, Map<String, Long> registeredAt,
                           Map<String, Map<String, Long>> pairAddedAt) {
        this.catalog = catalog;
        this.registeredAt = Map.copyOf(registeredAt);
        Map<String, Map<String, Long>> pairs = new HashMap<>();
        pairAddedAt.forEach((iface, apps) -> pairs.put(iface, Map.copyOf(apps)));
        this.pairAddedAt = Map.copyOf(pairs);
    }

    public RevisionCatalog catalog() {
        return catalog;
    }

    /** The catalog's version: the log index of the last entry that registered or collected a revision (0: none). */
    public long version() {
        return catalog.version();
    }

    public boolean contains(String digest) {
        return registeredAt.containsKey(digest);
    }

    /** The log index that registered the live revision {@code digest}, or 0 when it is not live. */
    public long registeredAt(String digest) {
        return registeredAt.getOrDefault(digest, 0L);
    }

    /** This image with {@code revision} registered by entry {@code index}; itself when the digest is live already. */
    public RevisionsImage registered(long index, Revision revision) {
        if (contains(revision.digest())) {
            return this;
        }
        Map<String, Long> revisions = new HashMap<>(registeredAt);
        revisions.put(revision.digest(), index);
        Map<String, Map<String, Long>> pairs = new HashMap<>(pairAddedAt);
        for (InterfaceSpec s : revision.interfaces()) {
            Map<String, Long> apps = pairs.getOrDefault(s.dataInfoId(), Map.of());
            if (!apps.containsKey(revision.app())) {
                Map<String, Long> grown = new HashMap<>(apps);
                grown.put(revision.app(), index);
                pairs.put(s.dataInfoId(), grown);
            }
        }
        return new RevisionsImage(catalog.with(index, revision), revisions, pairs);
    }

    /** This image without the live revisions among {@code digests}, collected by entry {@code index}; pairs stay. */
    public RevisionsImage collected(long index, Collection<String> digests) {
        List<String> live = digests.stream().filter(this::contains).distinct().toList();
        if (live.isEmpty()) {
            return this;
        }
        Map<String, Long> revisions = new HashMap<>(registeredAt);
        live.forEach(revisions::remove);
        return new RevisionsImage(catalog.without(index, live), revisions, pairAddedAt);
    }

    /**
     * What a catalog at {@code since} lacks: the revisions registered after it, every live digest (so collected ones
     * are dropped) and the pairs added after it; everything when {@code since} is 0.
     */
    public Changes since(long since) {
        List<Revision> added = new ArrayList<>();
        registeredAt.forEach((digest, at) -> {
            if (at > since) {
                added.add(catalog.revision(digest));
            }
        });
        added.sort(java.util.Comparator.comparing(Revision::digest));
        Map<String, List<String>> pairs = new TreeMap<>();
        pairAddedAt.forEach((iface, apps) -> apps.forEach((app, at) -> {
            if (at > since) {
                pairs.computeIfAbsent(iface, i -> new ArrayList<>()).add(app);
            }
        }));
        List<InterfaceProviders> pairsAdded = new ArrayList<>();
        pairs.forEach((iface, apps) -> {
            Collections.sort(apps);
            pairsAdded.add(new InterfaceProviders(iface, apps));
        });
        return new Changes(version(), added, registeredAt.keySet().stream().sorted().toList(), pairsAdded);
    }

    /** The change a {@code RevisionCatalogReply} carries. */
    public record Changes(long version, List<Revision> added, List<String> liveDigests, List<InterfaceProviders> pairsAdded) {
        public Changes {
            added = List.copyOf(added);
            liveDigests = List.copyOf(liveDigests);
            pairsAdded = List.copyOf(pairsAdded);
        }
    }

    public static RevisionsImage fromState(RevisionsState state) {
        Map<String, Long> revisions = new HashMap<>();
        List<Revision> live = new ArrayList<>();
        for (StampedRevision r : state.revisions()) {
            if (r == null) {
                throw new IllegalArgumentException("meta snapshot holds an empty revision entry");
            }
            // the same check a log entry's revision passes (found by MetaCodecFuzzTest: a snapshot revision without
            // its app failed building the catalog with a NullPointerException)
            new io.roster.meta.state.RevisionRegistered(r.revision()).check();
            revisions.put(r.revision().digest(), r.index());
            live.add(r.revision());
        }
        Map<String, Map<String, Long>> pairs = new HashMap<>();
        Map<String, List<String>> apps = new HashMap<>();
        for (StampedPair p : state.pairs()) {
            if (p == null || p.interfaceId() == null || p.app() == null) { // found by MetaCodecFuzzTest
                throw new IllegalArgumentException("meta snapshot holds a provider pair without its interface or app");
            }
            pairs.computeIfAbsent(p.interfaceId(), i -> new HashMap<>()).put(p.app(), p.index());
            apps.computeIfAbsent(p.interfaceId(), i -> new ArrayList<>()).add(p.app());
        }
        List<InterfaceProviders> remembered = new ArrayList<>();
        apps.forEach((iface, list) -> remembered.add(new InterfaceProviders(iface, list)));
        return new RevisionsImage(RevisionCatalog.of(state.version(), live, remembered), revisions, pairs);
    }

    public RevisionsState toState() {
        List<StampedRevision> revisions = new ArrayList<>();
        registeredAt.forEach((digest, at) -> revisions.add(new StampedRevision(catalog.revision(digest), at)));
        List<StampedPair> pairs = new ArrayList<>();
        pairAddedAt.forEach((iface, apps) -> apps.forEach((app, at) -> pairs.add(new StampedPair(iface, app, at))));
        return new RevisionsState(version(), revisions, pairs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionsImage r && version() == r.version() && registeredAt.equals(r.registeredAt)
                && pairAddedAt.equals(r.pairAddedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version(), registeredAt, pairAddedAt);
    }

    @Override
    public String toString() {
        return "revisions{version " + version() + ", " + registeredAt.size() + " live}";
    }
}
