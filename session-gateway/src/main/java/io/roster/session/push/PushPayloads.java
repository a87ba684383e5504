package io.roster.session.push;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.PushDeflate;
import io.roster.common.wire.PushEntriesDeflate;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushCommand.SendPush;
import io.roster.session.registry.SubscriberRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Builds what a push round sends. A connection whose client said {@link ClientHello#PUSH_DELTA} gets a keyed push:
 * the delta from the version its subscribers hold ({@link SubscriberRecord#pushedVersion()}, marked on their acks)
 * when they all hold the same one and the {@link DatumHistory} still has it, else the full list as entries. Any other
 * connection gets the plain full list, as older SDKs know it. Each payload is built (and deflated, when
 * session.push-compress-min-bytes is reached and it pays) once per round, whatever the number of connections; a
 * delta once per base version: the read deltas from that base when they link up (O(change)), else a diff by
 * publisher identity ({@link DatumHistory#diff}).
 */
public final class PushPayloads {
    private final int compressMinBytes;
    private final PushMetrics metrics;
    private final DatumHistory history;
    private final LongAdder publishersDiffed = new LongAdder();
    private final Predicate<String> converted;

    /** @param hasSubscribers whether a dataInfoId has subscribers here: the history of one without is dropped */
    public PushPayloads(int compressMinBytes, PushMetrics metrics, Predicate<String> hasSubscribers) {
        this(compressMinBytes, metrics, hasSubscribers, target -> false);
    }

    /** @param converted whether a push target's list is a converted one (counted in session.push.converted) */
    PushPayloads(int compressMinBytes, PushMetrics metrics, Predicate<String> hasSubscribers,
                 Predicate<String> converted) {
        this.converted = converted;
        this.compressMinBytes = compressMinBytes;
        this.metrics = metrics;
        this.history = new DatumHistory(hasSubscribers);
    }

    /**
     * Remembers a datum just read, with the read delta that built it (null when read whole): a later round pushing it
     * to subscribers holding a version the read deltas link to sends those deltas, without looking at the rest.
     */
    public void read(Datum datum, ReadDelta readDelta) {
        history.record(datum, readDelta);
    }

    /** The payloads of one round pushing {@code datum}; its version is remembered as a base for later deltas. */
    public Round round(Datum datum) {
        return new Round(datum, history.record(datum, null));
    }

    /** Publishers looked at to compute deltas, all rounds together (for tests: a round should cost its change). */
    long publishersDiffed() {
        return publishersDiffed.sum();
    }

    /** How many datums the history holds (for tests and figures). */
    int rememberedDatums() {
        return history.datumCount();
    }

    /** One round's payloads, built lazily and shared by its connections. Thread-safe: a refusal may ask from a callback. */
    public final class Round {
        private final Datum datum;
        /** What the client subscribed to: the datum is named by its push target ({@link PushTargets}). */
        private final String wireId;
        private final boolean isConverted;
        private final DatumHistory.Version version;
        private PushMessage plain;
        private PushMessage keyedFull;
        private final Map<Long, PushMessage> deltas = new HashMap<>();

        private Round(Datum datum, DatumHistory.Version version) {
            this.datum = datum;
            this.wireId = PushTargets.dataInfoIdOf(datum.dataInfoId());
            this.isConverted = converted.test(datum.dataInfoId());
            this.version = version;
        }

        /** What {@code push} sends: a delta, a keyed full list or a plain one (counted as sent). */
        public PushMessage messageFor(SendPush push) {
            List<String> ids = push.subscribers().stream().map(SubscriberRecord::registerId).toList();
            if (isConverted) {
                metrics.sentConverted();
            }
            if (!push.connection().can(ClientHello.PUSH_DELTA)) {
                metrics.sentFull();
                return plain().forSubscribers(ids);
            }
            long base = commonBase(push.subscribers());
            PushMessage delta = base > 0 ? delta(base) : null;
            if (delta != null) {
                metrics.sentDelta();
                return delta.forSubscribers(ids);
            }
            metrics.sentFull();
            return keyedFull().forSubscribers(ids);
        }

        /** The full list for {@code push}'s subscribers: their client refused a delta (counted as sent). */
        public PushMessage fullFor(SendPush push) {
            metrics.sentFull();
            if (isConverted) {
                metrics.sentConverted();
            }
            return keyedFull().forSubscribers(push.subscribers().stream().map(SubscriberRecord::registerId).toList());
        }

        /** The version every subscriber of {@code subscribers} holds, or 0 when they hold none or different ones. */
        private static long commonBase(List<SubscriberRecord> subscribers) {
            long base = subscribers.get(0).pushedVersion();
            for (SubscriberRecord s : subscribers) {
                if (s.pushedVersion() != base) {
                    return 0;
                }
            }
            return Math.max(0, base);
        }

        private synchronized PushMessage plain() {
            if (plain == null) {
                List<byte[]> items = datum.flattenData();
                long size = items.stream().mapToLong(b -> b.length).sum();
                byte[] packed = deflates(size) ? PushDeflate.deflate(items) : null;
                plain = packed != null && packed.length < size
                        ? PushMessage.deflated(wireId, datum.version(), List.of(), packed)
                        : new PushMessage(wireId, datum.version(), List.of(), items);
            }
            return plain;
        }

        private synchronized PushMessage keyedFull() {
            if (keyedFull == null) {
                keyedFull = keyed(0, datum.publishers(), List.of());
            }
            return keyedFull;
        }

        /** The delta from {@code base} to this round's datum, or null when the history no longer has {@code base}. */
        private synchronized PushMessage delta(long base) {
            PushMessage known = deltas.get(base);
            if (known != null) {
                return known;
            }
            DatumHistory.Version from = history.at(datum.dataInfoId(), base);
            if (from == null || base >= datum.version()) {
                return null;
            }
            PushMessage made;
            List<ReadDelta> reads = history.path(datum.dataInfoId(), base, version);
            if (reads != null) {
                ReadDelta change = reads.size() == 1 ? reads.get(0) : ReadDelta.chain(reads);
                reads.forEach(r -> publishersDiffed.add(r.size()));
                made = keyed(base, change.changed(), change.removed());
            } else {
                DatumHistory.Change change = DatumHistory.diff(from.datum(), datum);
                publishersDiffed.add(from.datum().publishers().size() + datum.publishers().size());
                made = keyed(base, change.addedOrReplaced(), change.removed());
            }
            deltas.put(base, made);
            return made;
        }

        private PushMessage keyed(long base, List<Publisher> publishers, List<String> removed) {
            List<PushEntry> entries = publishers.stream()
                    .map(p -> new PushEntry(p.registerId(), p.registerTimestamp(), p.data())).toList();
            PushMessage message = PushMessage.keyed(wireId, datum.version(), List.of(), base, entries, removed);
            long size = message.payloadBytes();
            if (deflates(size)) {
                byte[] packed = PushEntriesDeflate.deflate(entries, removed);
                if (packed.length < size) {
                    return PushMessage.keyedDeflated(wireId, datum.version(), List.of(), base, packed);
                }
            }
            return message;
        }

        private boolean deflates(long size) {
            return compressMinBytes > 0 && size >= compressMinBytes;
        }
    }
}
