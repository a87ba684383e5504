package io.roster.datastore.replication;

import io.roster.common.model.Datum;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ReplicaPush;
import io.roster.common.wire.SimpleReply;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.SlotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Leader side of replication: streams the datums a write changed to the slot's followers. Each follower has a
 * channel of dirty dataInfoIds per slot; a channel drains on the shared pool, one push in flight at a time, so a
 * follower receives one slot's changes in the order the leader made them. A push carries whole datums as they are
 * when it is sent: bursts on one datum coalesce, and a follower installs what it gets without replaying history.
 * A failed push keeps its ids dirty and retries after a pause; the follower's periodic digest sync repairs anything
 * a leader change or restart loses here.
 */
public final class ReplicaSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSender.class);
    private static final int MAX_DATUMS_PER_PUSH = 256;
    private static final long RETRY_PAUSE_MS = 200;

    private final String selfAddress;
    private final Supplier<SlotAssignment> assignment;
    private final SlotStore store;
    private final RpcCaller caller;
    private final int timeoutMs;
    /** Each push stays under this many (estimated) bytes: followers close connections whose frames pass their cap. */
    private final long maxPushBytes;
    private final Map<String, FollowerChannel> channels = new ConcurrentHashMap<>();
    private final ExecutorService pool = NamedThreads.pool("data-replicate", 4);
    private final ScheduledExecutorService retries = NamedThreads.scheduler("data-replicate-retry");
    private volatile boolean closed;

    public ReplicaSender(String selfAddress, Supplier<SlotAssignment> assignment, SlotStore store, RpcCaller caller, int timeoutMs,
                         long maxPushBytes) {
        this.selfAddress = selfAddress;
        this.assignment = assignment;
        this.store = store;
        this.caller = caller;
        this.timeoutMs = timeoutMs;
        this.maxPushBytes = maxPushBytes;
    }

    /** Queues the changed datums of slots this node leads for each of their followers; returns at once. */
    public void enqueue(List<DatumChange> changes) {
        SlotAssignment current = assignment.get();
        for (DatumChange change : changes) {
            if (!current.ledSlots().containsKey(change.slot())) {
                continue;
            }
            for (String follower : current.followersOf(change.slot())) {
                channels.computeIfAbsent(follower, FollowerChannel::new).mark(change.slot(), change.dataInfoId());
            }
        }
    }

    /** Dataids waiting to be pushed, over all followers: 0 once every follower has every change. */
    public int backlog() {
        return channels.values().stream().mapToInt(FollowerChannel::size).sum();
    }

    @Override
    public void close() {
        closed = true;
        NamedThreads.shutdown(retries);
        NamedThreads.shutdown(pool);
    }

    /** One follower's dirty ids, drained by at most one task at a time. */
    private final class FollowerChannel {
        private final String follower;
        private final Map<Integer, Set<String>> dirty = new TreeMap<>();
        private boolean draining;
        private boolean pausedForRetry;

        FollowerChannel(String follower) {
            this.follower = follower;
        }

        synchronized void mark(int slot, String dataInfoId) {
            dirty.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(dataInfoId);
            scheduleLocked();
        }

        synchronized int size() {
            return dirty.values().stream().mapToInt(Set::size).sum();
        }

        private void scheduleLocked() {
            if (draining || pausedForRetry || closed || dirty.isEmpty()) {
                return;
            }
            draining = true;
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining = false;
            }
        }

        private void drain() {
            while (!closed) {
                Batch batch = take();
                if (batch == null) {
                    return;
                }
                if (!send(batch)) {
                    giveBack(batch);
                    return;
                }
            }
            synchronized (this) {
                draining = false;
            }
        }

        private synchronized Batch take() {
            if (dirty.isEmpty()) {
                draining = false;
                return null;
            }
            int slot = dirty.keySet().iterator().next();
            Set<String> ids = dirty.get(slot);
            List<String> taken = new ArrayList<>(Math.min(ids.size(), MAX_DATUMS_PER_PUSH));
            var it = ids.iterator();
            while (it.hasNext() && taken.size() < MAX_DATUMS_PER_PUSH) {
                taken.add(it.next());
                it.remove();
            }
            if (ids.isEmpty()) {
                dirty.remove(slot);
            }
            return new Batch(slot, taken);
        }

        /** Puts a failed batch back (if the follower still follows the slot) and retries after a pause. */
        private void giveBack(Batch batch) {
            SlotAssignment current = assignment.get();
            boolean stillOurs = current.ledSlots().containsKey(batch.slot)
                    && current.followersOf(batch.slot).contains(follower);
            synchronized (this) {
                draining = false;
                if (stillOurs) {
                    dirty.computeIfAbsent(batch.slot, s -> new LinkedHashSet<>()).addAll(batch.ids);
                }
                if (dirty.isEmpty() || closed) {
                    return;
                }
                pausedForRetry = true;
            }
            try {
                retries.schedule(() -> {
                    synchronized (this) {
                        pausedForRetry = false;
                        scheduleLocked();
                    }
                }, RETRY_PAUSE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("not retrying pushes to {}: shutting down", follower);
            }
        }

        /** True when the batch needs no retry: delivered, or no longer this node's to deliver. */
        private boolean send(Batch batch) {
            SlotAssignment current = assignment.get();
            Long leaderEpoch = current.ledSlots().get(batch.slot);
            if (leaderEpoch == null || !current.followersOf(batch.slot).contains(follower)) {
                return true;
            }
            List<Datum> datums = batch.ids.stream().map(store::get).toList();
            // A failed piece retries the whole batch: installing a datum again as sent changes nothing.
            for (List<Datum> piece : PushChunks.split(datums, maxPushBytes)) {
                if (!push(batch.slot, leaderEpoch, piece)) {
                    return false;
                }
            }
            return true;
        }

        private boolean push(int slot, long leaderEpoch, List<Datum> datums) {
            try {
                SimpleReply reply = caller.call(follower, new ReplicaPush(slot, leaderEpoch, selfAddress, datums),
                        SimpleReply.class, timeoutMs);
                if (reply.ok()) {
                    return true;
                }
                LOG.debug("replica push of slot {} to {} refused: {}", slot, follower, reply);
            } catch (RpcFailure e) {
                LOG.debug("replica push of slot {} to {} failed: {}", slot, follower, e.getMessage());
            }
            return false;
        }
    }

    private record Batch(int slot, List<String> ids) {
    }
}
