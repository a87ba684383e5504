package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The converted lists this session serves ({@link ConvertedView}, one per interface X with older subscribers here
 * while X has ever had application providers), and the datums they are made of: X's own and the datum of every
 * application in {@code everProviders(X)}. Those are read through a {@link DeltaDatumReader} of their own, so each
 * read's delta is exactly the change since the version the views hold. A datum is read when a round of a list made
 * of it finds it wanted (a change notice or the version check asked, or never read), and its change goes to every
 * view made of it; those other views are named so their subscribers get a round too. Views of an X without
 * subscribers any more, and the datums only they used, go at the next {@link #sweep}. Thread-safe: marking a datum
 * wanted takes no lock; a data read runs outside the lock of the views (a read that hangs in a data failover holds
 * no other list, nor catalog changes), one at a time per datum: a round that finds its datum being read builds with
 * what is held, and the read names it when its change lands.
 */
final class Conversions {
    private static final String APP_SUFFIX = DataInfoId.SEPARATOR + DataInfoId.DEFAULT_INSTANCE_ID + DataInfoId.SEPARATOR
            + AppIds.APP_GROUP;

    private final Supplier<RevisionCatalog> catalog;
    /** The highest catalog version meta was heard at (a lagging catalog builds lists owed the catch-up). */
    private final LongSupplier heardVersion;
    private final DeltaDatumReader reader;
    private final Map<String, DatumState> datums = new ConcurrentHashMap<>();
    private final Map<String, ConvertedView> views = new HashMap<>(); // guarded by this
    /**
     * Views converted again for a catalog change that kept the catalog's version (a revision registered through this
     * session is added at once, the version follows with the next heartbeat): their list may have changed at an equal
     * version, so they are pushed when the catalog's version is above the one noted here.
     */
    private final Map<String, Long> owedRise = new ConcurrentHashMap<>();
    private RevisionCatalog affectedFrom; // guarded by this, with the two below
    private RevisionCatalog affectedTo;
    private Set<String> affectedSet;

    /** One datum a view is made of, as last read. */
    private static final class DatumState {
        final String dataInfoId;
        /** Raised by every change notice or version-check gap; a read done at or after a value has read it. */
        final AtomicLong wanted = new AtomicLong(1);
        volatile long readAt;
        volatile Datum held;
        final Set<String> users = ConcurrentHashMap.newKeySet(); // changed under the Conversions' lock
        /** Held while reading the datum and applying what was read: one read per datum at a time. */
        final ReentrantLock reading = new ReentrantLock();

        DatumState(String dataInfoId) {
            this.dataInfoId = dataInfoId;
        }

        boolean stale() {
            return wanted.get() > readAt;
        }
    }

    /** A converted list built, and the other lists that changed while building it (they need a round too). */
    record Result(ConvertedView.Built built, Set<String> othersChanged) {
    }

    Conversions(Supplier<RevisionCatalog> catalog, DeltaDatumReader.Source source) {
        this(catalog, () -> 0L, source);
    }

    Conversions(Supplier<RevisionCatalog> catalog, LongSupplier heardVersion, DeltaDatumReader.Source source) {
        this.catalog = catalog;
        this.heardVersion = heardVersion;
        this.reader = new DeltaDatumReader(source, datums::containsKey);
    }

    RevisionCatalog catalog() {
        return catalog.get();
    }

    /** Whether subscribers of {@code target} (not interface-only) get X's converted list now. */
    boolean converts(String target) {
        return !PushTargets.isInterfaceOnly(target) && PushTargets.providersOf(target) != null
                && !AppIds.isAppDatum(target) && !catalog.get().everProviders(target).isEmpty();
    }

    static String appDatum(String app) {
        return app + APP_SUFFIX;
    }

    /** Whether the session must read (and hear the changes of) {@code dataInfoId} for a converted list. */
    boolean needs(String dataInfoId) {
        return datums.containsKey(dataInfoId);
    }

    /** The datums converted lists are made of, with the version held of each (0: not read yet). */
    Map<String, Long> heldVersions() {
        Map<String, Long> out = new HashMap<>();
        datums.forEach((id, s) -> out.put(id, s.held == null ? 0L : s.held.version()));
        return out;
    }

    /** {@code dataInfoId} changed at data: the lists made of it (the targets to give a round). */
    Set<String> changed(String dataInfoId) {
        DatumState s = datums.get(dataInfoId);
        if (s == null) {
            return Set.of();
        }
        s.wanted.incrementAndGet();
        return Set.copyOf(s.users);
    }

    /**
     * Whether data's {@code version} of {@code dataInfoId} is a gap here: a datum held and not already wanted, below
     * data's version, unless it is empty at data and empty here (an absent datum's version rises with its slot's
     * floor, which changes no list). That floor is taken quietly (no round, no repair): the next list built carries
     * it, so a subscriber that got the higher sum from another session is never sent a lower one for a change.
     */
    synchronized boolean behind(String dataInfoId, long version, int publisherCount) {
        DatumState s = datums.get(dataInfoId);
        if (s == null || s.stale() || s.held == null || s.held.version() >= version) {
            return false;
        }
        if (publisherCount == 0 && s.held.publishers().isEmpty()) {
            land(s, new Datum(dataInfoId, version, List.of()), List.of(), List.of());
            return false;
        }
        return true;
    }

    /**
     * Builds the converted list of {@code interfaceId} with the session's current catalog (converting it again first
     * if the catalog moved in a way that affects it), reading the datums it is made of that are wanted.
     */
    Result read(String interfaceId) {
        Set<String> others = new HashSet<>();
        for (DatumState s : wantedOf(interfaceId)) {
            refresh(s, others); // outside the views' lock
        }
        others.remove(interfaceId);
        return new Result(build(interfaceId), others);
    }

    /** The datums of {@code interfaceId}'s view (made now if new) that are wanted. */
    private synchronized List<DatumState> wantedOf(String interfaceId) {
        ConvertedView view = viewOf(interfaceId, catalog.get());
        List<DatumState> out = new ArrayList<>();
        for (String id : datumsOf(interfaceId)) {
            DatumState s = datums.get(id);
            if (s != null && s.stale()) {
                out.add(s);
            }
        }
        return out;
    }

    private synchronized ConvertedView.Built build(String interfaceId) {
        RevisionCatalog c = catalog.get();
        ConvertedView view = viewOf(interfaceId, c);
        ConvertedView.Built built = view.build();
        if (view.changedSinceBuilt() || c.version() < heardVersion.getAsLong()) {
            // Held back at an equal version, or built with a catalog older than meta's: the catch-up pushes it again.
            owedRise.merge(interfaceId, c.version(), Math::max);
        }
        return built;
    }

    private ConvertedView viewOf(String interfaceId, RevisionCatalog c) {
        ConvertedView view = views.get(interfaceId);
        if (view == null) {
            view = new ConvertedView(interfaceId);
            views.put(interfaceId, view);
            attachOwn(view);
            attachApps(view, c);
            view.convertedWith(c);
        } else {
            upToDate(view, c);
        }
        return view;
    }

    /**
     * The catalog moved: every view converts again if the move affects its interface (only those: O(views) cached
     * look-ups plus the conversions). Returns the lists that changed, and those owed a rise now above their version.
     */
    synchronized Set<String> catalogChanged() {
        RevisionCatalog now = catalog.get(); // the newest: changes may be handled out of order
        Set<String> out = new HashSet<>();
        for (ConvertedView view : views.values()) {
            if (upToDate(view, now)) {
                out.add(view.interfaceId());
            }
        }
        owedRise.entrySet().removeIf(e -> {
            if (now.version() > e.getValue()) {
                out.add(e.getKey());
                return true;
            }
            return !views.containsKey(e.getKey());
        });
        return out;
    }

    /**
     * Brings {@code view} to catalog {@code c}: converts its instances again when the move from the catalog it was
     * converted with affects its interface ({@link RevisionCatalog#interfacesAffected}). A change at an unchanged
     * catalog version (a revision registered through this session joins at once; the version follows with the next
     * heartbeat) leaves the list owed a rise. Returns whether it converted again.
     */
    private boolean upToDate(ConvertedView view, RevisionCatalog c) {
        RevisionCatalog was = view.catalog();
        if (was == c) {
            return false;
        }
        boolean affected = affected(was, c).contains(view.interfaceId());
        if (affected) {
            attachApps(view, c);
            for (String app : view.apps()) {
                Datum held = datums.get(appDatum(app)).held;
                view.reconvert(app, held == null ? List.of() : held.publishers(), c);
            }
            if (c.version() <= was.version() && view.changedSinceBuilt()) {
                owedRise.merge(view.interfaceId(), c.version(), Math::max);
            }
        }
        view.convertedWith(c);
        return affected;
    }

    /** {@link RevisionCatalog#interfacesAffected}, remembered for the last pair: views mostly share one. */
    private Set<String> affected(RevisionCatalog from, RevisionCatalog to) {
        if (from != affectedFrom || to != affectedTo) {
            affectedSet = RevisionCatalog.interfacesAffected(from, to);
            affectedFrom = from;
            affectedTo = to;
        }
        return affectedSet;
    }

    /** Drops the views whose interface has no converted subscribers; returns the datums no longer needed. */
    synchronized List<String> sweep(Predicate<String> hasSubscribers) {
        List<String> gone = new ArrayList<>();
        views.keySet().removeIf(iface -> {
            if (hasSubscribers.test(iface) && converts(iface)) {
                return false;
            }
            for (String id : datumsOf(iface)) {
                DatumState s = datums.get(id);
                if (s != null && s.users.remove(iface) && s.users.isEmpty()) {
                    datums.remove(id);
                    gone.add(id);
                }
            }
            return true;
        });
        return gone;
    }

    /** Per converted list built here, the version its list last changed at ({@link ConvertedView#changedVersion}). */
    synchronized Map<String, Long> changedVersions() {
        Map<String, Long> out = new HashMap<>();
        views.forEach((iface, view) -> {
            if (view.changedVersion() >= 0) {
                out.put(iface, view.changedVersion());
            }
        });
        return out;
    }

    /** Whether a view waits for the catalog's version to rise ({@link #owedRise}). */
    boolean owesRise() {
        return !owedRise.isEmpty();
    }

    synchronized int viewCount() {
        return views.size();
    }

    /** Instances the view of {@code interfaceId} converted so far (0 without a view). */
    synchronized long conversionsOf(String interfaceId) {
        ConvertedView view = views.get(interfaceId);
        return view == null ? 0 : view.conversions();
    }

    private List<String> datumsOf(String iface) {
        List<String> ids = new ArrayList<>();
        ids.add(iface);
        views.get(iface).apps().forEach(app -> ids.add(appDatum(app)));
        return ids;
    }

    private void attachOwn(ConvertedView view) {
        DatumState s = datums.computeIfAbsent(view.interfaceId(), DatumState::new);
        s.users.add(view.interfaceId());
        Datum held = s.held;
        if (held != null) {
            view.ownChanged(held, held.publishers(), List.of());
        }
    }

    private void attachApps(ConvertedView view, RevisionCatalog c) {
        for (String app : c.everProviders(view.interfaceId())) {
            if (!view.apps().contains(app)) {
                attachApp(view, app, c);
            }
        }
    }

    private void attachApp(ConvertedView view, String app, RevisionCatalog c) {
        DatumState s = datums.computeIfAbsent(appDatum(app), DatumState::new);
        s.users.add(view.interfaceId());
        Datum held = s.held;
        view.addApp(app, held == null ? 0 : held.version());
        if (held != null) {
            view.reconvert(app, held.publishers(), c);
        }
    }

    /**
     * Reads {@code s} if wanted and no other round is reading it (that one names every list made of it when its change
     * lands), and hands its change to every view made of it under the views' lock, naming those that changed.
     */
    private void refresh(DatumState s, Set<String> changedViews) {
        if (!s.reading.tryLock()) {
            return;
        }
        try {
            if (!s.stale()) {
                return;
            }
            long wanted = s.wanted.get();
            Datum next = reader.read(s.dataInfoId); // throws when data cannot answer: the round is retried
            changedViews.addAll(applied(s, wanted, next, reader.deltaOf(next)));
        } finally {
            s.reading.unlock();
        }
    }

    private synchronized Set<String> applied(DatumState s, long wanted, Datum next, ReadDelta delta) {
        s.readAt = Math.max(s.readAt, wanted);
        Datum before = s.held;
        if (before != null && next.version() < before.version()) {
            return Set.of(); // a floor taken meanwhile (behind) is newer than this read
        }
        List<Publisher> changed;
        List<String> removed;
        if (before != null && delta != null && delta.baseVersion() == before.version()) {
            changed = delta.changed();
            removed = delta.removed();
        } else {
            DatumHistory.Change diff = DatumHistory.diff(before == null ? Datum.absent(s.dataInfoId) : before, next);
            changed = diff.addedOrReplaced();
            removed = diff.removed();
        }
        boolean moved = before == null || before.version() != next.version() || !changed.isEmpty() || !removed.isEmpty();
        land(s, next, changed, removed);
        return moved ? Set.copyOf(s.users) : Set.of();
    }

    /** {@code s} is now {@code next}: every view made of it takes the change (with the catalog it is converted with). */
    private void land(DatumState s, Datum next, List<Publisher> changed, List<String> removed) {
        s.held = next;
        String app = AppIds.appOf(s.dataInfoId);
        for (String iface : s.users) {
            ConvertedView view = views.get(iface);
            if (view == null) {
                continue;
            }
            if (app == null) {
                view.ownChanged(next, changed, removed);
            } else {
                view.appChanged(app, next.version(), changed, removed, view.catalog());
            }
        }
    }
}
