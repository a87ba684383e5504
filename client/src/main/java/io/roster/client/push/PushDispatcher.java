package io.roster.client.push;

import io.roster.client.registry.SubscriberRecord;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Hands pushes to the subscription listeners on one thread per client: listeners see pushes in arrival order, and a
 * slow listener holds back only this client's later pushes, never bolt's IO threads. The version gate of each
 * subscription drops stale and duplicate pushes (DESIGN.md invariant 2).
 */
public final class PushDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final Function<String, SubscriberRecord> subscribers;
    private final ExecutorService thread;

    /** {@code subscribers} finds a live subscription by registerId (null when there is none). */
    public PushDispatcher(Function<String, SubscriberRecord> subscribers, String threadName) {
        this.subscribers = subscribers;
        this.thread = NamedThreads.pool(threadName, 1);
    }

    /** Queues {@code push} for delivery; false once closed. */
    public boolean dispatch(PushMessage push) {
        try {
            thread.execute(() -> deliver(push));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void deliver(PushMessage push) {
        for (String registerId : push.subscriberIds()) {
            SubscriberRecord subscriber = subscribers.apply(registerId);
            if (subscriber == null) {
                LOG.debug("Push of {} version {} for subscriber {}, which is not live here: ignored",
                        push.dataInfoId(), push.version(), registerId);
            } else if (!subscriber.dataInfoId().equals(push.dataInfoId())) {
                LOG.warn("Push of {} version {} names {}, which subscribes to {}: ignored",
                        push.dataInfoId(), push.version(), registerId, subscriber.dataInfoId());
            } else if (!subscriber.advanceTo(push.version())) {
                LOG.debug("Push of {} version {} for {} is not newer than version {}: dropped",
                        push.dataInfoId(), push.version(), registerId, subscriber.lastDelivered());
            } else {
                notify(subscriber, push);
            }
        }
    }

    private static void notify(SubscriberRecord subscriber, PushMessage push) {
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

    /** Drops pushes not yet delivered and stops the thread. */
    @Override
    public void close() {
        NamedThreads.shutdown(thread);
    }
}
