package io.roster.session.push;

import io.roster.common.model.Datum;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The push engine's {@link DatumReader} by push target ({@link PushTargets}): a providers datum is computed from the
 * catalog, an interface-only target reads its interface, an interface with application providers gets its converted
 * list ({@link Conversions}), anything else is read from data as always. Lists that changed while a converted list
 * was built are handed to {@code othersChanged} (the engine gives them a round).
 */
final class TargetReader implements DatumReader {
    private final DatumReader data;
    private final Conversions conversions;
    private volatile Consumer<Set<String>> othersChanged = ids -> { };
    /** The last list built per target here, with the delta that built it (for {@link #deltaOf}). */
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    private record Built(Datum datum, ReadDelta delta) {
    }

    TargetReader(DatumReader data, Conversions conversions) {
        this.data = data;
        this.conversions = conversions;
    }

    void onOthersChanged(Consumer<Set<String>> listener) {
        this.othersChanged = listener;
    }

    @Override
    public Datum read(String target) {
        if (PushTargets.isComputed(target)) {
            return providers(target);
        }
        if (PushTargets.isInterfaceOnly(target)) {
            Datum raw = data.read(PushTargets.dataInfoIdOf(target));
            Datum renamed = new Datum(target, raw.version(), raw.publishers());
            remember(target, renamed, data.deltaOf(raw));
            return renamed;
        }
        if (conversions.converts(target)) {
            Conversions.Result r = conversions.read(target);
            remember(target, r.built().datum(), r.built().delta());
            if (!r.othersChanged().isEmpty()) {
                othersChanged.accept(r.othersChanged());
            }
            return r.built().datum();
        }
        built.remove(target);
        return data.read(target);
    }

    /**
     * The providers datum of {@code target} at the catalog's version; at the version last computed, the datum computed
     * then (one version, one list: a catalog change at an equal version is owed a round at the next one).
     */
    private Datum providers(String target) {
        Datum next = ProvidersDatum.of(target, conversions.catalog());
        Built last = built.get(target);
        if (last != null && last.datum().version() >= next.version()) {
            return last.datum();
        }
        remember(target, next, null);
        return next;
    }

    /** {@link PushEngine#providersVersion}. */
    long providersVersion(String target) {
        Built last = built.get(target);
        if (last == null) {
            return -1;
        }
        Datum now = ProvidersDatum.of(target, conversions.catalog());
        return now.version() > last.datum().version() && !now.publishers().equals(last.datum().publishers())
                ? now.version() : last.datum().version();
    }

    private void remember(String target, Datum datum, ReadDelta delta) {
        built.put(target, new Built(datum, delta));
    }

    @Override
    public ReadDelta deltaOf(Datum datum) {
        Built b = built.get(datum.dataInfoId());
        if (b != null) {
            return b.datum() == datum ? b.delta() : null;
        }
        return data.deltaOf(datum);
    }

    /** Forgets the lists built for targets without subscribers now. */
    void sweep(Predicate<String> hasSubscribers) {
        built.keySet().removeIf(target -> !hasSubscribers.test(target));
    }

    @Override
    public long heldEmptyVersion(String dataInfoId) {
        return data.heldEmptyVersion(dataInfoId);
    }
}
