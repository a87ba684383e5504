package io.roster.session.push;

import io.roster.common.app.AppInstance;
import io.roster.common.app.ConvertedItem;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.app.ServiceAddress;
import io.roster.common.model.Datum;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The converted list of one interface X as this session serves it to X's older subscribers: X's own publishers plus,
 * converted to X, the instances of every application that has served X whose revision (in the catalog) serves it, an
 * instance whose address is also an X publisher's left out. Kept up to date by changes, never rebuilt: a change of an
 * application's datum converts only the publishers it names, a change of X's own publishers looks only at the
 * instances at the addresses it names. Each {@link #build} hands the list with the {@link ReadDelta} from the list
 * built before (O(change)), so the push round sends that delta. Not thread-safe ({@link Conversions} guards it).
 *
 * <p>Version: v(X) + sum over the applications of v(A) + the version of the catalog it is converted with (the
 * session's current one at each build); every term only grows (docs/ARCHITECTURE.md, Session). One version, one list:
 * a change found at the version last built stays pending for a build at a higher one (its delta then carries it).
 */
final class ConvertedView {
    private static final Logger LOG = LoggerFactory.getLogger(ConvertedView.class);
    private final String interfaceId;
    private Datum own;
    private final Map<String, Publisher> ownById = new HashMap<>();
    private final Map<String, String> ownAddressById = new HashMap<>();
    private final Map<String, Integer> ownAddresses = new HashMap<>();
    /** The applications converted here, with the version of their datum the conversion holds. */
    private final Map<String, Long> appVersions = new HashMap<>();
    private final Map<String, Converted> converted = new HashMap<>();
    private final Map<String, Set<String>> convertedByAddress = new HashMap<>();
    /** Visible converted entries in registration order (registerTimestamp, registerId). */
    private final TreeMap<Order, Publisher> visibleConverted = new TreeMap<>();
    /** Keys changed since the last build, and whether each was in that build. */
    private final Map<String, Boolean> pending = new LinkedHashMap<>();
    private final Set<String> visible = new HashSet<>();
    /** The catalog everything here is converted with; its version is the list's catalog term. */
    private RevisionCatalog catalog = RevisionCatalog.EMPTY;
    private Built built;
    private boolean overflowLogged;
    private long changedVersion = -1;
    /** Instances converted so far (for tests: a change converts only what it names). */
    private long conversions;

    private record Order(long registerTimestamp, String registerId) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = Long.compare(registerTimestamp, o.registerTimestamp);
            return c != 0 ? c : registerId.compareTo(o.registerId);
        }
    }

    private record Converted(String app, String address, Publisher publisher) {
    }

    ConvertedView(String interfaceId) {
        this.interfaceId = interfaceId;
        this.own = Datum.absent(interfaceId);
    }

    String interfaceId() {
        return interfaceId;
    }

    Set<String> apps() {
        return appVersions.keySet();
    }

    /** Whether the view has a built list (its first build has happened). */
    boolean built() {
        return built != null;
    }

    /** X's own datum moved to {@code next}: {@code changed} publishers added or replaced, {@code removed} gone. */
    void ownChanged(Datum next, List<Publisher> changed, List<String> removed) {
        for (String id : removed) {
            mark(id);
            visible.remove(id);
            ownById.remove(id);
            releaseOwnAddress(ownAddressById.remove(id));
        }
        for (Publisher p : changed) {
            mark(p.registerId());
            visible.add(p.registerId());
            ownById.put(p.registerId(), p);
            String address = p.data().isEmpty() ? "" : ServiceAddress.of(p.data().get(0));
            String old = ownAddressById.put(p.registerId(), address);
            if (!address.equals(old)) {
                if (ownAddresses.merge(address, 1, Integer::sum) == 1) {
                    setConvertedVisible(address, false);
                }
                releaseOwnAddress(old);
            }
        }
        own = next;
    }

    private void releaseOwnAddress(String address) {
        if (address != null && ownAddresses.merge(address, -1, (a, b) -> a + b == 0 ? null : a + b) == null) {
            setConvertedVisible(address, true);
        }
    }

    /** {@code app} is converted here; its datum, as held, is {@code version} (0 until read). */
    void addApp(String app, long version) {
        appVersions.putIfAbsent(app, version);
    }

    /** {@code app}'s datum moved to {@code version}: converts only the publishers named. */
    void appChanged(String app, long version, List<Publisher> changed, List<String> removed, RevisionCatalog catalog) {
        appVersions.put(app, version);
        removed.forEach(this::removeConverted);
        for (Publisher p : changed) {
            convert(app, p, catalog);
        }
    }

    /** Converts {@code app}'s {@code publishers} again with {@code catalog} (it changed what they serve). */
    void reconvert(String app, List<Publisher> publishers, RevisionCatalog catalog) {
        Set<String> present = new HashSet<>();
        for (Publisher p : publishers) {
            present.add(p.registerId());
            convert(app, p, catalog);
        }
        List<String> stale = converted.entrySet().stream()
                .filter(e -> e.getValue().app().equals(app) && !present.contains(e.getKey())).map(Map.Entry::getKey).toList();
        stale.forEach(this::removeConverted);
    }

    long conversions() {
        return conversions;
    }

    private void convert(String app, Publisher p, RevisionCatalog catalog) {
        conversions++;
        InterfaceSpec spec = null;
        AppInstance instance = null;
        if (!p.data().isEmpty()) {
            try {
                instance = AppInstance.decode(p.data().get(0));
                Revision revision = catalog.revision(instance.revision());
                spec = revision != null && revision.app().equals(app) ? revision.spec(interfaceId) : null;
            } catch (InvalidInputException e) {
                spec = null; // not an instance item: nothing to convert
            }
        }
        if (spec == null) {
            removeConverted(p.registerId());
            return;
        }
        byte[] item = ConvertedItem.bytes(instance, spec);
        String address = ServiceAddress.of(instance.address()); // as X's own publishers and the SDK see it
        Converted held = converted.get(p.registerId());
        if (held != null && held.publisher().version() == p.version() && held.address().equals(address)
                && Arrays.equals(held.publisher().data().get(0), item)) {
            return; // converted alike before: nothing for the subscribers
        }
        removeConverted(p.registerId());
        Publisher out = new Publisher(p.registerId(), interfaceId, p.clientId(), p.appName(), p.zone(), List.of(item),
                p.version(), p.registerTimestamp(), p.sessionProcessId(), p.connectionGeneration());
        Converted c = new Converted(app, address, out);
        converted.put(p.registerId(), c);
        convertedByAddress.computeIfAbsent(c.address(), a -> new HashSet<>()).add(p.registerId());
        if (!ownAddresses.containsKey(c.address())) {
            show(c);
        }
    }

    private void removeConverted(String registerId) {
        Converted c = converted.remove(registerId);
        if (c == null) {
            return;
        }
        Set<String> at = convertedByAddress.get(c.address());
        if (at != null && at.remove(registerId) && at.isEmpty()) {
            convertedByAddress.remove(c.address());
        }
        hide(c);
    }

    private void setConvertedVisible(String address, boolean shown) {
        for (String id : convertedByAddress.getOrDefault(address, Set.of())) {
            Converted c = converted.get(id);
            if (shown) {
                show(c);
            } else {
                hide(c);
            }
        }
    }

    private void show(Converted c) {
        mark(c.publisher().registerId());
        visible.add(c.publisher().registerId());
        visibleConverted.put(orderOf(c.publisher()), c.publisher());
    }

    private void hide(Converted c) {
        if (visibleConverted.remove(orderOf(c.publisher())) != null) {
            mark(c.publisher().registerId());
            visible.remove(c.publisher().registerId());
        }
    }

    private static Order orderOf(Publisher p) {
        return new Order(p.registerTimestamp(), p.registerId());
    }

    private void mark(String key) {
        pending.putIfAbsent(key, visible.contains(key));
    }

    /** Everything here is now converted with {@code catalog} (its version is the catalog term of the version). */
    void convertedWith(RevisionCatalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog the list is converted with. */
    RevisionCatalog catalog() {
        return catalog;
    }

    /**
     * The version of the last build whose list differed from the one before (or the first), -1 before any: a
     * subscriber holding that or a later version holds this list (later builds only moved a version term).
     */
    long changedVersion() {
        return changedVersion;
    }

    /** Whether the list changed since its last build. */
    boolean changedSinceBuilt() {
        return !pending.isEmpty();
    }

    /**
     * The list now, and the delta from the list built before (null on the first build). At a version not above the
     * last build's, the last build itself: a subscriber holding that version holds that list, so what changed since
     * stays pending for the next build at a higher version.
     */
    Built build() {
        long version = versionSum();
        if (built != null && version <= built.datum().version()) {
            return built;
        }
        List<Publisher> all = new ArrayList<>(own.publishers().size() + visibleConverted.size());
        all.addAll(own.publishers());
        all.addAll(visibleConverted.values());
        Datum next = new Datum(interfaceId, version, all);
        ReadDelta delta = built == null ? null : pendingDelta(built.datum().version());
        if (built == null || delta.size() > 0) {
            changedVersion = version;
        }
        pending.clear();
        built = new Built(next, delta);
        return built;
    }

    /** v(X) + the v(A)s + the catalog's version, saturated at the largest long (never wrapping below what was sent). */
    private long versionSum() {
        try {
            long version = Math.addExact(own.version(), catalog.version());
            for (long v : appVersions.values()) {
                version = Math.addExact(version, v);
            }
            return version;
        } catch (ArithmeticException e) {
            if (!overflowLogged) {
                overflowLogged = true;
                LOG.warn("the version of the converted list of {} passes the largest long; it stays at it (lists built"
                        + " from now on keep that version, so their changes wait for the sum to shrink: never)", interfaceId);
            }
            return Long.MAX_VALUE;
        }
    }

    private ReadDelta pendingDelta(long base) {
        List<Publisher> changed = new ArrayList<>();
        Set<String> added = new HashSet<>();
        List<String> removed = new ArrayList<>();
        pending.forEach((key, wasVisible) -> {
            Publisher now = ownById.get(key);
            if (now == null && visible.contains(key)) {
                Converted c = converted.get(key);
                now = c == null ? null : c.publisher();
            }
            if (now != null) {
                changed.add(now);
                if (!wasVisible) {
                    added.add(key);
                }
            } else if (wasVisible) {
                removed.add(key);
            }
        });
        changed.sort(DeltaDatumReader.ORDER);
        return new ReadDelta(base, changed, added, removed);
    }

    /** A list built, with the delta from the one built before it (null: none before). */
    record Built(Datum datum, ReadDelta delta) {
    }
}
