package io.roster.client.push;

import io.roster.client.registry.SubscriptionRecord;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Hands pushes to the subscription listeners on one thread per client, so a slow listener holds back only this
 * client's deliveries, never bolt's IO threads nor the push handler.
 *
 * <p>Each subscription (registerId) has one slot for its latest undelivered push: a newer version replaces the one
 * waiting there, an older or equal one is dropped. So a listener that blocks holds at most one pending data list per
 * subscription, whatever the number of changes meanwhile, and then gets the latest, never the backlog. Slots are
 * delivered in the order they filled. The version gate of each subscription drops stale and duplicate pushes again
 * at delivery (ARCHITECTURE.md invariant 2): no listener sees a version lower than one it already got.
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final Function<String, SubscriptionRecord> subscribers;
    private final ExecutorService thread;
    /** RegisterId to its latest undelivered push, in the order the slots filled; guarded by this. */
    private final Map<String, PushMessage> latest = new LinkedHashMap<>();
    /** Whether a drain task is queued or running; guarded by this. At most one is, so the thread's queue stays short. */
    private boolean draining;
    private boolean closed; // guarded by this

    /** {@code subscribers} finds a live subscription by registerId (null when there is none). */
    public PushDispatcher(Function<String, SubscriptionRecord> subscribers, String threadName) {
        this.subscribers = subscribers;
        this.thread = NamedThreads.pool(threadName, 1);
    }

    /**
     * Takes {@code push} into the slot of each subscription it names (where it is newer than what waits there and
     * what was delivered) and returns at once, without waiting for any listener; false once closed.
     */
    public boolean dispatch(PushMessage push) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (String registerId : push.subscriberIds()) {
                take(registerId, push);
            }
        }
        return startDrain();
    }

    /** Queues a drain unless one is queued or running or nothing waits; false when the thread is stopped. */
    private boolean startDrain() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (draining || latest.isEmpty()) {
                return true;
            }
            draining = true;
        }
        try {
            thread.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed meanwhile
        }
    }

    /** Puts {@code push} in {@code registerId}'s slot if it may ever be delivered there. Called holding this. */
    private void take(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = deliverable(registerId, push);
        if (subscriber == null) {
            return;
        }
        PushMessage waiting = latest.get(registerId);
        if (waiting != null && waiting.version() >= push.version()) {
            LOG.debug("Push of {} version {} for {} is not newer than version {} waiting: dropped",
                    push.dataInfoId(), push.version(), registerId, waiting.version());
            return;
        }
        latest.put(registerId, push); // a replaced value keeps its place in line
    }

    /** The subscription {@code push} may be delivered to, or null (logged) when it may not. */
    private SubscriptionRecord deliverable(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = subscribers.apply(registerId);
        if (subscriber == null) {
            LOG.debug("Push of {} version {} for subscriber {}, which is not live here: ignored",
                    push.dataInfoId(), push.version(), registerId);
            return null;
        }
        if (!subscriber.dataInfoId().equals(push.dataInfoId())) {
            LOG.warn("Push of {} version {} names {}, which subscribes to {}: ignored",
                    push.dataInfoId(), push.version(), registerId, subscriber.dataInfoId());
            return null;
        }
        if (push.version() <= subscriber.lastDelivered()) {
            LOG.debug("Push of {} version {} for {} is not newer than version {}: dropped",
                    push.dataInfoId(), push.version(), registerId, subscriber.lastDelivered());
            return null;
        }
        return subscriber;
    }

    /** Delivers slot after slot until none is filled; a slot filled meanwhile is delivered by this same run. */
    private void drain() {
        boolean more = true;
        try {
            while (more && !Thread.currentThread().isInterrupted()) {
                more = deliverNext();
            }
        } finally {
            if (more) { // a listener threw an Error, or close() interrupted: a later push must still find a drain
                synchronized (this) {
                    draining = false;
                }
                startDrain();
            }
        }
    }

    /** Delivers the oldest filled slot; false (and no drain running) when none is. */
    private boolean deliverNext() {
        String registerId;
        PushMessage push;
        synchronized (this) {
            Iterator<Map.Entry<String, PushMessage>> next = latest.entrySet().iterator();
            if (!next.hasNext()) {
                draining = false;
                return false;
            }
            Map.Entry<String, PushMessage> slot = next.next();
            next.remove();
            registerId = slot.getKey();
            push = slot.getValue();
        }
        deliver(registerId, push);
        return true;
    }

    private void deliver(String registerId, PushMessage push) {
        SubscriptionRecord subscriber = deliverable(registerId, push); // it may have left since the push came
        if (subscriber != null && subscriber.advanceTo(push.version())) {
            notify(subscriber, push);
        }
    }

    private static void notify(SubscriptionRecord subscriber, PushMessage push) {
        try {
            subscriber.listener().onData(push.dataInfoId(), copy(push.data()), push.version());
        } catch (RuntimeException e) {
            LOG.warn("Listener of {} failed on version {}", subscriber, push.version(), e);
        }
    }

    /** Each listener gets its own arrays, so one listener that writes into them cannot corrupt another's view. */
    private static List<byte[]> copy(List<byte[]> data) {
        List<byte[]> out = new ArrayList<>(data.size());
        for (byte[] item : data) {
            out.add(item == null ? new byte[0] : item.clone());
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code registerId} unsubscribed: its undelivered push, if any, is dropped now rather than at its turn. */
    public synchronized void forget(String registerId) {
        latest.remove(registerId);
    }

    /** How many subscriptions hold an undelivered push: at most one each. */
    synchronized int pendingCount() {
        return latest.size();
    }

    /** Drops pushes not yet delivered and stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            latest.clear();
        }
        NamedThreads.shutdown(thread);
    }
}
