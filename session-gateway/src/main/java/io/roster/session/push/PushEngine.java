package io.roster.session.push;

import com.alipay.remoting.Connection;
import io.roster.common.model.Datum;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.PushDeflate;
import io.roster.common.wire.PushMessage;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.SubscriberRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Turns change notices into pushes. A notice for a dataInfoId with local subscribers opens a debounce window;
 * when it closes, one read of the datum feeds a push to every subscriber still below that version, one message per
 * client connection, sent without waiting for the ack. At most one push per connection and dataInfoId is in flight:
 * a newer version waits for it and then goes as the latest, so pushes to a client are never reordered, a slow
 * client holds up only itself, and a subscriber is never pushed a lower version than it already got (docs/ARCHITECTURE.md
 * invariant 2). While the cluster's push switch is off nothing is pushed; the dataInfoIds
 * that changed meanwhile are held and pushed, at their latest version, when it comes back on.
 *
 * <p>Only a client's own failures (a push refused, failed or timed out) count toward pausing its subscribers; a
 * datum that data cannot serve (an outage, a slot not ready) is read again with backoff and pauses nobody.
 *
 * <p>Back-pressure: a connection with {@link PushOptions#maxPendingPerClient()} pushes awaiting its ack gets no new
 * one; the dataInfoIds that wanted it are deferred and pushed, at their latest version, as its acks come back. Large
 * data is deflated once per round, not per connection.
 */
public final class PushEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushEngine.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_RETRY_MS = 100;
    /** How long a subscriber whose pushes failed MAX_ATTEMPTS times is left alone; then the version check retries it. */
    static final long PAUSE_MS = 30_000;
    /** The longest wait between reads of a datum that data cannot serve now (an outage, a slot not ready yet). */
    static final long MAX_READ_RETRY_MS = 2_000;

    private final ClientRegistry registry;
    private final DatumReader reader;
    private final PushSender sender;
    private final PushOptions options;
    private final ScheduledExecutorService timer = NamedThreads.scheduler("push-timer");
    private final ExecutorService workers = NamedThreads.pool("push", 4);
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final BooleanSupplier pushEnabled;
    private final PushMetrics metrics;
    /** DataInfoIds with a change or a new subscriber while the push switch was off: pushed by {@link #resume}. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** DataInfoIds whose read failed and has a retry scheduled: one retry chain per datum, however many rounds failed. */
    private final Set<String> readRetrying = ConcurrentHashMap.newKeySet();
    /** Pushes awaiting an ack, each with "a newer round wanted this connection meanwhile". */
    private final Map<InFlight, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    private final Object[] topicLocks = new Object[64];
    /** Pushes awaiting each connection's ack, and the dataInfoIds deferred while it was at the cap. */
    private final Map<Connection, ClientBacklog> backlogs = new ConcurrentHashMap<>();

    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, long debounceMs) {
        this(registry, reader, sender, PushOptions.withDebounce(debounceMs), () -> true, PushMetrics.discarded());
    }

    /** @param pushEnabled the cluster's push switch: while it is off, nothing is pushed and changes are held */
    public PushEngine(ClientRegistry registry, DatumReader reader, PushSender sender, PushOptions options,
                      BooleanSupplier pushEnabled, PushMetrics metrics) {
        this.pushEnabled = pushEnabled;
        this.metrics = metrics;
        this.registry = registry;
        this.reader = reader;
        this.sender = sender;
        this.options = options;
        for (int i = 0; i < topicLocks.length; i++) {
            topicLocks[i] = new Object();
        }
    }

    /** A data node says {@code dataInfoId} changed; bursts within the debounce window merge into one round. */
    public void onChange(String dataInfoId) {
        if (!registry.hasSubscribers(dataInfoId) || !pending.add(dataInfoId)) {
            return;
        }
        long since = System.nanoTime();
        schedule(() -> {
            pending.remove(dataInfoId);
            round(dataInfoId, registry.subscribersOf(dataInfoId), 1, since);
        }, options.debounceMs());
    }

    /** A new subscriber gets the current data at once, without waiting for a change. */
    public void pushCurrent(SubscriberRecord subscriber) {
        long since = System.nanoTime();
        schedule(() -> round(subscriber.dataInfoId(), List.of(subscriber), 1, since), 0);
    }

    /** The push switch came back on: every dataInfoId held meanwhile gets a round, so everyone gets the latest. */
    public void resume() {
        for (String dataInfoId : List.copyOf(held)) {
            if (held.remove(dataInfoId)) {
                onChange(dataInfoId);
            }
        }
    }

    /** Whether the cluster's push switch lets this session push now. */
    public boolean enabled() {
        return pushEnabled.getAsBoolean();
    }

    /** How many dataInfoIds wait for the push switch. */
    public int heldCount() {
        return held.size();
    }

    private void round(String dataInfoId, Collection<SubscriberRecord> targets, int attempt, long since) {
        round(dataInfoId, targets, attempt, since, 0);
    }

    /**
     * @param attempt      how many times these targets' client(s) were tried, counting the pushes that failed
     * @param readFailures how many reads of this datum failed in a row before this round (0 unless a read retry)
     */
    private void round(String dataInfoId, Collection<SubscriberRecord> targets, int attempt, long since,
                       int readFailures) {
        if (readFailures > 0) {
            readRetrying.remove(dataInfoId); // this is the retry: a failure below schedules the next one
        }
        if (targets.isEmpty()) {
            return;
        }
        if (!pushEnabled.getAsBoolean()) {
            held.add(dataInfoId);
            if (pushEnabled.getAsBoolean() && held.remove(dataInfoId)) {
                onChange(dataInfoId); // turned on meanwhile, maybe before resume() looked
            }
            return;
        }
        synchronized (topicLocks[Math.floorMod(dataInfoId.hashCode(), topicLocks.length)]) {
            Datum datum;
            try {
                datum = reader.read(dataInfoId);
            } catch (RuntimeException e) {
                LOG.warn("cannot read {} for a push (failed read {}): {}", dataInfoId, readFailures + 1,
                        e.getMessage());
                retryRead(dataInfoId, readFailures + 1, since);
                return;
            }
            if (!pushEnabled.getAsBoolean()) {
                held.add(dataInfoId); // turned off while this round waited; resume() brings it back
                return;
            }
            Map<Connection, List<SubscriberRecord>> byConnection = new LinkedHashMap<>();
            for (SubscriberRecord s : targets) {
                if (s.pushedVersion() < datum.version() && isLive(s) && !s.paused(System.currentTimeMillis())) {
                    byConnection.computeIfAbsent(s.connection(), c -> new ArrayList<>()).add(s);
                }
            }
            RoundPayload payload = new RoundPayload(datum.flattenData(), options.compressMinBytes());
            for (Map.Entry<Connection, List<SubscriberRecord>> e : byConnection.entrySet()) {
                InFlight key = new InFlight(e.getKey(), dataInfoId);
                boolean[] start = {false};
                // One push per connection and dataInfoId at a time, so a client never sees them reordered; a newer
                // version replaces whatever would have queued behind the one in flight (it is sent when that ends).
                inFlight.compute(key, (k, again) -> {
                    if (again == null) {
                        start[0] = true;
                        return new AtomicBoolean();
                    }
                    again.set(true);
                    return again;
                });
                if (!start[0]) {
                    continue;
                }
                if (!backlog(e.getKey()).tryStart(dataInfoId, options.maxPendingPerClient())) {
                    inFlight.remove(key);
                    metrics.deferred();
                    continue; // pushed at its latest version when an ack of this connection frees a place
                }
                List<SubscriberRecord> subs = e.getValue();
                sendAsync(key, subs, payload.message(dataInfoId, datum.version(),
                        subs.stream().map(SubscriberRecord::registerId).toList()), attempt, since);
            }
        }
    }

    /** Sends without waiting: a slow client holds only its own pushes, never a worker or other subscribers. */
    private void sendAsync(InFlight key, List<SubscriberRecord> subs, PushMessage message, int attempt, long since) {
        CompletableFuture<Boolean> ack;
        try {
            ack = sender.send(key.connection(), message);
        } catch (RuntimeException e) {
            ack = CompletableFuture.completedFuture(false);
        }
        ack.whenComplete((ok, failure) -> {
            boolean delivered = failure == null && Boolean.TRUE.equals(ok);
            if (delivered) {
                subs.forEach(s -> s.markPushed(message.version()));
                metrics.acked(message.payloadBytes(), since);
            } else {
                metrics.failed();
            }
            AtomicBoolean again = inFlight.remove(key);
            List<String> deferred = backlog(key.connection()).finish(options.maxPendingPerClient());
            if (!key.connection().isFine()) {
                backlogs.remove(key.connection()); // closed: nothing more goes over it
            } else {
                deferred.forEach(id -> pushDeferred(key.connection(), id));
            }
            if (!delivered) {
                retry(key.dataInfoId(), subs, attempt, since); // the retry reads the datum again: it sends the latest
            }
            if (again != null && again.get()) {
                // A newer version, or a new subscriber on this connection, waited for this push.
                List<SubscriberRecord> now = registry.subscribersOf(key.dataInfoId()).stream()
                        .filter(s -> s.connection() == key.connection() && (delivered || !subs.contains(s))).toList();
                schedule(() -> round(key.dataInfoId(), now, 1, since), 0);
            }
        });
    }

    /** A client connection closed: nothing more goes over it, so its backlog is forgotten. */
    public void connectionClosed(Connection connection) {
        backlogs.remove(connection);
    }

    private ClientBacklog backlog(Connection connection) {
        return backlogs.computeIfAbsent(connection, c -> new ClientBacklog());
    }

    /** A place freed on {@code connection}: the deferred dataInfoId gets a round for that connection's subscribers. */
    private void pushDeferred(Connection connection, String dataInfoId) {
        long since = System.nanoTime();
        schedule(() -> {
            List<SubscriberRecord> now = registry.subscribersOf(dataInfoId).stream()
                    .filter(s -> s.connection() == connection).toList();
            round(dataInfoId, now, 1, since);
            if (connection.isFine()) {
                backlog(connection).takeFree(options.maxPendingPerClient()).forEach(id -> pushDeferred(connection, id));
            }
        }, 0);
    }

    /** A round's data, deflated once for all its connections when it is large enough and deflating pays. */
    private static final class RoundPayload {
        private final List<byte[]> items;
        private final byte[] deflated;

        RoundPayload(List<byte[]> items, int compressMinBytes) {
            this.items = items;
            long size = items.stream().mapToLong(b -> b.length).sum();
            byte[] packed = compressMinBytes > 0 && size >= compressMinBytes ? PushDeflate.deflate(items) : null;
            this.deflated = packed != null && packed.length < size ? packed : null;
        }

        PushMessage message(String dataInfoId, long version, List<String> subscriberIds) {
            return deflated != null ? PushMessage.deflated(dataInfoId, version, subscriberIds, deflated)
                    : new PushMessage(dataInfoId, version, subscriberIds, items);
        }
    }

    /** A push in flight to one connection for one dataInfoId. */
    private record InFlight(Connection connection, String dataInfoId) {
    }

    private boolean isLive(SubscriberRecord s) {
        return registry.isSubscribed(s) && s.connection().isFine();
    }

    /**
     * Data could not serve the datum: that is no fault of the subscribers' clients, so it never pauses them (a pause
     * after a data outage of a few seconds left subscribers 30 s without pushes). The read is retried with backoff
     * (from 100 ms, at most {@link #MAX_READ_RETRY_MS} apart) for as long as it fails, by one chain per datum that
     * targets all its subscribers then: a round that fails while a retry is scheduled leaves its targets to it.
     */
    private void retryRead(String dataInfoId, int failures, long since) {
        if (!readRetrying.add(dataInfoId)) {
            return;
        }
        metrics.retried();
        long delay = Math.min(MAX_READ_RETRY_MS, FIRST_RETRY_MS << Math.min(failures - 1, 16));
        schedule(() -> round(dataInfoId, registry.subscribersOf(dataInfoId), 1, since, failures), delay);
    }

    /** A push to these targets failed (refused, failed or timed out): only such failures of the client pause them. */
    private void retry(String dataInfoId, Collection<SubscriberRecord> targets, int attempt, long since) {
        if (attempt >= MAX_ATTEMPTS) {
            LOG.warn("giving up pushing {} to {} subscriber(s) after {} attempts; pausing them for {} s", dataInfoId,
                    targets.size(), attempt, PAUSE_MS / 1000);
            long until = System.currentTimeMillis() + PAUSE_MS;
            targets.forEach(t -> t.pause(until));
            return;
        }
        List<SubscriberRecord> copy = List.copyOf(targets);
        metrics.retried();
        schedule(() -> round(dataInfoId, copy, attempt + 1, since), FIRST_RETRY_MS << (attempt - 1));
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            timer.schedule(() -> workers.execute(task), delayMs, TimeUnit.MILLISECONDS);
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
