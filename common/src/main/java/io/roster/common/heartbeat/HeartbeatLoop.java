package io.roster.common.heartbeat;

import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.util.NamedThreads;
import io.roster.common.view.ClusterView;
import io.roster.common.view.ClusterViewDelta;
import io.roster.common.view.ClusterViewListener;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A data or session node's heartbeat to meta. Keeps the newest {@link ClusterView}, which only moves forward
 * (ARCHITECTURE.md invariant 6): the slot table by its epoch, the node lists and switches by the meta state version of
 * the reply, so a reply read from an older meta image (a deposed leader's) changes nothing and cannot make a live
 * node look gone. While meta is unreachable the node keeps the last view it had (AP behaviour) and keeps trying.
 */
public final class HeartbeatLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final MetaClient meta;
    private final LongFunction<HeartbeatRequest> requestForEpoch;
    private final ClusterViewListener onChange;
    private final Consumer<HeartbeatReply> onReply;
    private final int intervalMs;
    private final AtomicReference<ClusterView> view = new AtomicReference<>(ClusterView.EMPTY);
    private final ScheduledExecutorService scheduler;
    private volatile boolean metaReachable = true;
    private volatile boolean closed;
    private final AtomicBoolean extraBeatQueued = new AtomicBoolean();

    /**
     * @param requestForEpoch builds the request, given the slot-table epoch this node knows
     * @param onChange        told (on the heartbeat thread) of every change of the view, with what changed
     */
    public HeartbeatLoop(String name, MetaClient meta, int intervalMs, LongFunction<HeartbeatRequest> requestForEpoch,
                         ClusterViewListener onChange) {
        this(name, meta, intervalMs, requestForEpoch, onChange, reply -> {
        });
    }

    /**
     * @param onReply told (on the heartbeat thread, after the view) of every OK reply, for what a reply carries beyond
     *                the view (a session's revision catalog version); it must not wait
     */
    public HeartbeatLoop(String name, MetaClient meta, int intervalMs, LongFunction<HeartbeatRequest> requestForEpoch,
                         ClusterViewListener onChange, Consumer<HeartbeatReply> onReply) {
        this.onReply = onReply;
        this.meta = meta;
        this.intervalMs = intervalMs;
        this.requestForEpoch = requestForEpoch;
        this.onChange = onChange;
        this.scheduler = NamedThreads.scheduler(name + "-heartbeat");
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::beatQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Heartbeats as soon as the heartbeat thread is free instead of at the next tick: meta said the slot table
     * changed, and a node that learns it a whole interval late serves (or refuses) a slot for that long. Requests
     * that arrive while one is queued share it.
     */
    public void beatSoon() {
        if (closed || !extraBeatQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                extraBeatQueued.set(false);
                beatQuietly();
            });
        } catch (RejectedExecutionException e) {
            extraBeatQueued.set(false);
        }
    }

    /** Sends one heartbeat now; true when meta answered. */
    public boolean beat() {
        HeartbeatReply reply;
        try {
            reply = meta.call(requestForEpoch.apply(view.get().slotTable().epoch()), HeartbeatReply.class,
                    HeartbeatReply::leaderAddress);
        } catch (RpcFailure e) {
            if (closed) {
                return false;
            }
            if (metaReachable) {
                LOG.warn("heartbeat failed, keeping the last slot table (epoch {}): {}", view.get().slotTable().epoch(), e.getMessage());
            }
            metaReachable = false;
            return false;
        }
        if (!reply.ok()) {
            if (metaReachable) {
                LOG.warn("heartbeat refused: {}", reply);
            }
            metaReachable = false;
            return false;
        }
        if (!metaReachable) {
            LOG.info("heartbeat answered again by meta at {}", meta.leaderGuess());
        }
        metaReachable = true;
        apply(reply);
        onReply.accept(reply);
        return true;
    }

    private void apply(HeartbeatReply reply) {
        ClusterView before = view.get();
        if (reply.metaVersion() < before.metaVersion()) {
            LOG.info("ignoring a heartbeat reply from meta state {} older than this node's view ({}), from {}",
                    reply.metaVersion(), before.metaVersion(), meta.leaderGuess());
            return;
        }
        SlotTable table = before.slotTable();
        if (reply.slotTable() != null && reply.slotTable().epoch() > table.epoch()) {
            table = reply.slotTable();
        }
        ClusterView after = new ClusterView(table, reply.dataNodes(), reply.sessionNodes(), reply.switches(),
                reply.metaVersion(), reply.levers(), reply.acl());
        if (!after.equals(before)) {
            view.set(after);
            onChange.onChange(ClusterViewDelta.between(before, after));
        }
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.error("heartbeat round failed", e);
        }
    }

    public ClusterView view() {
        return view.get();
    }

    @Override
    public void close() {
        closed = true;
        NamedThreads.shutdown(scheduler);
    }
}
