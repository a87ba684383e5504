package io.roster.session.push;

import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushCommand.Deferred;
import io.roster.session.push.PushCommand.MarkPushed;
import io.roster.session.push.PushCommand.Pause;
import io.roster.session.push.PushCommand.ReadDatum;
import io.roster.session.push.PushCommand.Repaired;
import io.roster.session.push.PushCommand.Retried;
import io.roster.session.push.PushCommand.RoundFailed;
import io.roster.session.push.PushCommand.SendPush;
import io.roster.session.push.PushCommand.WakeAt;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The shell around the {@link PushPlan}: feeds it events one at a time (under its lock) and runs its commands on the
 * push threads. Reads run on a pool of workers, one datum at a time per lock stripe; sends go out without waiting
 * (a slow client holds only its own pushes, never a worker); the plan's wake-ups are a scheduler's timers. Marking
 * and pausing subscribers happen under the plan's lock, so no round decides on a record half-way through.
 */
public final class PushEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushEngine.class);

    private final PushPlan plan;
    private final TargetReader reader;
    private final Conversions conversions;
    private final CatalogChanges catalogChanges;
    private final ClientRegistry registry;
    private final PushSender sender;
    private final PushPayloads payloads;
    private final PushMetrics metrics;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer = NamedThreads.scheduler("push-timer");
    private final ExecutorService workers = NamedThreads.pool("push", 4);
    private final Object[] topicLocks = new Object[64];

    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, long debounceMs) {
        this(registry, reader, sender, PushOptions.withDebounce(debounceMs), PushMetrics.discarded());
    }

    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, PushOptions options,
                      PushMetrics metrics) {
        this(registry, reader, sender, options, metrics, () -> RevisionCatalog.EMPTY, (id, since) -> {
            throw new IllegalStateException("no catalog: nothing is converted");
        });
    }

    /**
     * @param catalog          the session's revision catalog: providers datums and converted lists come from it
     * @param conversionReads  reads (with delta reads) of the datums converted lists are made of
     */
    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, PushOptions options,
                      PushMetrics metrics, Supplier<RevisionCatalog> catalog, DeltaDatumReader.Source conversionReads) {
        this(registry, reader, sender, options, metrics, catalog, () -> 0L, conversionReads);
    }

    /** @param heardCatalogVersion the highest catalog version heard from meta (a list built below it is owed the catch-up) */
    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, PushOptions options, PushMetrics metrics,
                      Supplier<RevisionCatalog> catalog, LongSupplier heardCatalogVersion,
                      DeltaDatumReader.Source conversionReads) {
        this.plan = new PushPlan(Audience.of(registry), options);
        this.registry = registry;
        this.conversions = new Conversions(catalog, heardCatalogVersion, conversionReads);
        this.catalogChanges = new CatalogChanges(conversions);
        this.reader = new TargetReader(reader, conversions);
        this.reader.onOthersChanged(targets -> feed(p -> notices(p, targets)));
        this.sender = sender;
        this.payloads = new PushPayloads(options.compressMinBytes(), metrics, registry::hasSubscribers,
                conversions::converts);
        this.metrics = metrics;
        long origin = System.nanoTime();
        this.clock = () -> monotonicMillis(origin);
        for (int i = 0; i < topicLocks.length; i++) {
            topicLocks[i] = new Object();
        }
    }

    /**
     * The plan's time: monotonic, so a wall-clock step (NTP, an operator) neither stretches a debounce or a pause nor
     * ends one early. Pauses set by the plan are compared with it elsewhere too ({@link #nowMillis()}). Counted from
     * this engine's start, plus one: nanoTime may be negative, and a subscriber never paused holds pausedUntil 0.
     */
    private static long monotonicMillis(long origin) {
        return (System.nanoTime() - origin) / 1_000_000 + 1;
    }

    /** Now on the clock the plan and its pauses run on. */
    public long nowMillis() {
        return clock.getAsLong();
    }

    /**
     * A data node says {@code dataInfoId} changed: a round for its subscribers, its interface-only ones, and every
     * converted list made of it.
     */
    public void onChange(String dataInfoId) {
        Set<String> targets = new LinkedHashSet<>();
        targets.add(dataInfoId);
        targets.add(PushTargets.interfaceOnly(dataInfoId));
        targets.addAll(conversions.changed(dataInfoId));
        feed(p -> notices(p, targets));
    }

    private List<PushCommand> notices(PushPlan p, Collection<String> targets) {
        List<PushCommand> out = new java.util.ArrayList<>();
        long now = clock.getAsLong();
        for (String target : targets) {
            out.addAll(p.changeNotice(target, now)); // a target without subscribers here costs nothing
        }
        return out;
    }

    /**
     * The session's catalog changed: providers datums whose applications changed are pushed again, and the
     * converted lists of the interfaces the change affects are converted again and pushed ({@link CatalogChanges};
     * on a push worker: a conversion may wait for reads).
     */
    public void catalogChanged(RevisionCatalog before, RevisionCatalog after) {
        run(() -> {
            Set<String> targets;
            try {
                targets = catalogChanges.targets(before, after);
            } catch (RuntimeException e) {
                LOG.error("pushing a catalog change failed; the next version check pushes what it changed", e);
                return;
            }
            feed(p -> notices(p, targets));
        });
    }

    /** Whether subscribers of {@code target} get a converted list now. */
    public boolean converts(String target) {
        return conversions.converts(target);
    }

    /** The datums converted lists here are made of, with the version held of each (0: not read yet). */
    public Map<String, Long> convertedDatums() {
        return conversions.heldVersions();
    }

    /** Whether the session reads {@code dataInfoId} for a converted list (it must hear its change notices). */
    public boolean needs(String dataInfoId) {
        return conversions.needs(dataInfoId);
    }

    /** The version of {@code dataInfoId} last read for pushes when that read found it empty, or -1. */
    public long heldEmptyVersion(String dataInfoId) {
        return reader.heldEmptyVersion(dataInfoId);
    }

    /** Whether data's {@code version} of a datum converted lists are made of is a gap here; changes nothing. */
    public boolean conversionMissing(String dataInfoId, long version, int publisherCount) {
        return conversions.behind(dataInfoId, version, publisherCount);
    }

    /** The version check found a converted list's datum behind: read it again and push the lists made of it. */
    public boolean conversionChecked(String dataInfoId, long version, int publisherCount) {
        if (!conversions.behind(dataInfoId, version, publisherCount)) {
            return false;
        }
        metrics.repaired();
        LOG.info("version check: {} is at version {} at data, held here for converted lists at a lower one; converting it",
                dataInfoId, version);
        Set<String> targets = conversions.changed(dataInfoId);
        feed(p -> notices(p, targets));
        return true;
    }

    /**
     * Per converted list here, the version its list last changed at: a subscriber below it with no round under way
     * is behind (one above it holds the same list: later builds only moved a version term).
     */
    public Map<String, Long> convertedLists() {
        return conversions.changedVersions();
    }

    /** Drops the converted lists without subscribers here; returns the datums no longer read for them. */
    public List<String> sweepConversions() {
        reader.sweep(registry::hasSubscribers);
        return conversions.sweep(registry::hasSubscribers);
    }

    /**
     * The version check found {@code dataInfoId} at {@code dataVersion} at its slot leader. Returns true when that
     * was a real gap (a subscriber behind, no round of the datum under way here), which a round now repairs.
     */
    public boolean versionChecked(String dataInfoId, long dataVersion) {
        AtomicBoolean repaired = new AtomicBoolean();
        feed(p -> {
            List<PushCommand> commands = p.versionChecked(dataInfoId, dataVersion, clock.getAsLong());
            repaired.set(commands.stream().anyMatch(Repaired.class::isInstance));
            return commands;
        });
        return repaired.get();
    }

    /**
     * The version a providers datum's subscribers should hold now: the catalog's, when its applications changed since
     * the datum last computed (a round that failed or never started), else that datum's (-1: none computed yet).
     */
    public long providersVersion(String target) {
        return reader.providersVersion(target);
    }

    /** Whether {@link #versionChecked} would repair {@code dataInfoId} now; changes nothing. */
    public boolean missing(String dataInfoId, long dataVersion) {
        synchronized (plan) {
            return plan.missing(dataInfoId, dataVersion, clock.getAsLong());
        }
    }

    /** A new subscriber gets the current data at once. */
    public void pushCurrent(SubscriberRecord subscriber) {
        feed(p -> p.subscribed(subscriber, clock.getAsLong()));
    }

    /** The cluster's push switch flipped; on again, every dataInfoId held meanwhile gets the latest. */
    public void switchFlipped(boolean on) {
        feed(p -> p.switchFlipped(on, clock.getAsLong()));
    }

    /** The gray-push IPs or this session's stop-push changed: held dataInfoIds go to whom the gate now lets through. */
    public void gateChanged(Set<String> grayIps, boolean stopped) {
        feed(p -> p.gateChanged(grayIps, stopped, clock.getAsLong()));
    }

    /** A client connection closed. */
    public void connectionClosed(ConnectionHandle connection) {
        feed(p -> p.connectionClosed(connection));
    }

    /** Whether the cluster's push switch lets this session push now. */
    public boolean enabled() {
        synchronized (plan) {
            return plan.enabled();
        }
    }

    /** How many dataInfoIds wait for the push switch. */
    public int heldCount() {
        synchronized (plan) {
            return plan.heldCount();
        }
    }

    private void feed(Function<PushPlan, List<PushCommand>> event) {
        List<PushCommand> commands;
        synchronized (plan) {
            commands = event.apply(plan);
            for (PushCommand c : commands) {
                if (c instanceof MarkPushed m) {
                    m.subscribers().forEach(s -> s.markPushed(m.version()));
                } else if (c instanceof Pause p) {
                    LOG.warn("giving up pushing {} to {} subscriber(s) after {} attempts; pausing them for {} s",
                            p.dataInfoId(), p.subscribers().size(), PushPlan.MAX_ATTEMPTS, PushPlan.PAUSE_MS / 1000);
                    p.subscribers().forEach(s -> s.pause(p.untilMillis()));
                }
            }
        }
        Map<Datum, PushPayloads.Round> rounds = new IdentityHashMap<>();
        for (PushCommand c : commands) {
            if (c instanceof ReadDatum r) {
                run(() -> read(r));
            } else if (c instanceof SendPush s) {
                send(s, rounds.computeIfAbsent(s.datum(), payloads::round));
            } else if (c instanceof WakeAt w) {
                wakeAt(w.atMillis());
            } else if (c instanceof Deferred) {
                metrics.deferred();
            } else if (c instanceof Repaired r) {
                metrics.repaired();
                LOG.info("version check: {} is at version {} at data, a subscriber here at {}, and no push of it is under way"
                        + " (a change notice was lost, or a pause is over); pushing it", r.dataInfoId(), r.dataVersion(),
                        r.pushedVersion());
            } else if (c instanceof Retried) {
                metrics.retried();
            } else if (c instanceof RoundFailed f) {
                LOG.error("a push round of {} failed to start; the next change or version check pushes it", f.dataInfoId(),
                        f.cause());
            }
        }
    }

    /** One read per datum at a time (and its sends decided before the next read): a round sees the latest read. */
    private void read(ReadDatum r) {
        synchronized (topicLocks[Math.floorMod(r.dataInfoId().hashCode(), topicLocks.length)]) {
            Datum datum;
            try {
                datum = reader.read(r.dataInfoId());
                payloads.read(datum, reader.deltaOf(datum));
            } catch (RuntimeException e) {
                LOG.warn("cannot read {} for a push: {}", r.dataInfoId(), e.getMessage());
                feed(p -> p.readFailed(r.round(), clock.getAsLong()));
                return;
            }
            feed(p -> p.datumRead(r.round(), datum, clock.getAsLong()));
        }
    }

    /** Publishers looked at to compute push deltas so far (for tests). */
    long publishersDiffed() {
        return payloads.publishersDiffed();
    }

    /** Sends {@code s}'s payload; a delta the client refuses for its base is followed at once by the full list. */
    private void send(SendPush s, PushPayloads.Round round) {
        PushMessage message = round.messageFor(s);
        deliver(s, message)
                .thenCompose(o -> o != PushSender.PushOutcome.WANTS_FULL_LIST ? CompletableFuture.completedFuture(o)
                        : deliver(s, round.fullFor(s)))
                .whenComplete((outcome, failure) -> {
                    boolean delivered = failure == null && outcome == PushSender.PushOutcome.ACKED;
                    if (!delivered) {
                        metrics.failed();
                    }
                    feed(p -> p.pushEnded(s.connection(), s.datum().dataInfoId(), delivered, clock.getAsLong()));
                });
    }

    private CompletableFuture<PushSender.PushOutcome> deliver(SendPush s, PushMessage message) {
        CompletableFuture<PushSender.PushOutcome> answer;
        try {
            answer = sender.sendForOutcome(s.connection(), message);
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(PushSender.PushOutcome.FAILED);
        }
        return answer.handle((outcome, failure) -> {
            PushSender.PushOutcome o = failure == null && outcome != null ? outcome : PushSender.PushOutcome.FAILED;
            if (o == PushSender.PushOutcome.ACKED) {
                metrics.acked(message.payloadBytes(), clock.getAsLong() - s.sinceMillis());
            } else if (o == PushSender.PushOutcome.WANTS_FULL_LIST) {
                metrics.wireBytes(message.payloadBytes());
            }
            return o;
        });
    }

    /** A timer's wake-up; what it throws would vanish into the timer's future, so it is logged here. */
    private void tickQuietly(long atMillis) {
        try {
            feed(p -> p.tick(Math.max(atMillis, clock.getAsLong())));
        } catch (RuntimeException e) {
            LOG.error("push timer tick failed", e);
        }
    }

    private void wakeAt(long atMillis) {
        try {
            // A timer may fire a hair before the clock reaches its time: the plan is told it is that time.
            timer.schedule(() -> tickQuietly(atMillis), Math.max(0, atMillis - clock.getAsLong()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("push engine stopped; dropping a wake-up");
        }
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("push engine stopped; dropping a push round");
        }
    }

    @Override
    public void close() {
        NamedThreads.shutdown(timer);
        NamedThreads.shutdown(workers);
    }
}
