package io.roster.session.routing;

import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.exception.ConnectionClosedException;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.exception.InvokeException;
import com.alipay.remoting.rpc.exception.InvokeSendFailedException;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishBatch;
import io.roster.common.wire.PublishBatchReply;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.WriteReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Publishes to data nodes, batched per node: at most one call per data node is in flight; the writes that queue for
 * it meanwhile go out together, up to {@link #MAX_BATCH}, in one {@link PublishBatch} when it returns. A write alone
 * goes as a plain {@link PublishWrite}. Each write gets its own answer, by its own deadline: one that is not answered
 * within its time (queued or sent) is answered UNAVAILABLE, and a queued one is then never sent. So under load a data
 * node takes one call (one store write per slot) for many publishes, and when idle a publish costs one round trip.
 */
final class LeaderBatches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderBatches.class);
    /** Writes per batch: bounds the frame (a publisher is at most 512 KiB + 1 MiB under the default frame cap). */
    static final int MAX_BATCH = 256;
    /**
     * Writes queued per data node: 40 full batches, many seconds of a healthy node's work. Above it the node is not
     * keeping up (or not answering), and a client told UNAVAILABLE at once retries, maybe elsewhere, where queueing
     * more would only hold memory and answer it later with the same.
     */
    static final int MAX_QUEUED = 10_000;

    private final ScheduledExecutorService callbacks;
    private final LongAdder batched;
    private final int attemptFloorMs;
    private final DataConnections connections;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /**
     * @param callbacks      where answers are handled, deadlines kept and the next batch sent (not bolt's IO threads)
     * @param batched        counts writes that went out in a batch with others (metric {@code session.writes.batched})
     * @param attemptFloorMs the least time a call gets (the normal attempt timeout): its members' own deadlines may
     *                       be closer, but they are judged one by one, and a slow answer does not fail the others
     */
    LeaderBatches(RpcClient client, ScheduledExecutorService callbacks, LongAdder batched, int attemptFloorMs) {
        this.callbacks = callbacks;
        this.batched = batched;
        this.attemptFloorMs = attemptFloorMs;
        this.connections = new DataConnections(client);
    }

    /** One write waiting for its answer, until {@code deadline} (nanoTime). */
    private static final class Pending {
        final Object write;
        final int timeoutMs;
        final long deadline;
        final CompletableFuture<WriteReply> reply = new CompletableFuture<>();
        volatile boolean sent;

        Pending(Object write, int timeoutMs) {
            this.write = write;
            this.timeoutMs = timeoutMs;
            this.deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        }

        boolean overdue() {
            return System.nanoTime() - deadline >= 0;
        }
    }

    private static final class Queue {
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        boolean inFlight; // guarded by this
    }

    /**
     * Sends {@code write} to {@code leader} with the next batch. Completes with its answer; UNAVAILABLE when none came
     * within {@code timeoutMs} or the node's queue is full; exceptionally ({@link RpcFailure}) when the connection
     * to the node failed (also for the writes queued behind it).
     */
    CompletableFuture<WriteReply> publish(String leader, PublishWrite write, int timeoutMs) {
        Pending pending = new Pending(write, timeoutMs);
        Queue queue = queues.computeIfAbsent(leader, a -> new Queue());
        boolean sendNow;
        synchronized (queue) {
            if (queue.waiting.size() >= MAX_QUEUED) {
                queue.waiting.removeIf(p -> p.reply.isDone()); // answered by their deadline, not yet dropped
            }
            if (queue.waiting.size() >= MAX_QUEUED) {
                return CompletableFuture.completedFuture(new WriteReply(ErrorCode.UNAVAILABLE, "this session's queue to data node "
                        + leader + " is full (" + MAX_QUEUED + " writes waiting for its answers)", 0));
            }
            queue.waiting.add(pending);
            sendNow = !queue.inFlight;
            queue.inFlight = true;
        }
        keepDeadline(leader, pending);
        if (sendNow) {
            sendNext(leader, queue);
        }
        return pending.reply;
    }

    /** Sends {@code request} alone (an unpublish), with the same deadline rule; fails as {@link #publish}. */
    CompletableFuture<WriteReply> single(String leader, Object request, int timeoutMs) {
        Pending pending = new Pending(request, timeoutMs);
        keepDeadline(leader, pending);
        send(leader, List.of(pending), request, single(leader, pending));
        return pending.reply;
    }

    /** Answers {@code p} UNAVAILABLE at its deadline, whether it is queued or sent, unless answered before. */
    private void keepDeadline(String leader, Pending p) {
        try {
            ScheduledFuture<?> timer = callbacks.schedule(() -> expire(leader, p), p.timeoutMs, TimeUnit.MILLISECONDS);
            p.reply.whenComplete((r, e) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            p.reply.complete(new WriteReply(ErrorCode.UNAVAILABLE, "this session is stopping", 0));
        }
    }

    private static void expire(String leader, Pending p) {
        p.reply.complete(new WriteReply(ErrorCode.UNAVAILABLE, p.sent
                ? "data node " + leader + " did not answer within " + p.timeoutMs + " ms"
                : "waited " + p.timeoutMs + " ms in this session's queue to data node " + leader
                + " behind a call it has not answered; not sent", 0));
    }

    private void sendNext(String leader, Queue queue) {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < MAX_BATCH && !queue.waiting.isEmpty()) {
                Pending p = queue.waiting.poll();
                if (p.overdue()) {
                    expire(leader, p); // never sent late (a no-op if its timer answered it already)
                } else if (!p.reply.isDone()) {
                    batch.add(p);
                }
            }
            if (batch.isEmpty()) {
                queue.inFlight = false;
                return;
            }
        }
        if (batch.size() > 1) {
            batched.add(batch.size());
        }
        Object request = batch.size() == 1 ? batch.get(0).write
                : new PublishBatch(batch.stream().map(p -> (PublishWrite) p.write).toList());
        send(leader, batch, request, new Answer(() -> sendNext(leader, queue)) {
            @Override
            void answered(Object reply) {
                LeaderBatches.answered(leader, batch, reply);
            }

            @Override
            void failed(Throwable e) {
                if (batch.size() > 1 && e.getClass() == InvokeException.class) {
                    // A data node without PublishBatch (an older build) answers NO_PROCESSOR: send them one by one.
                    LOG.debug("{} refused a PublishBatch ({}); sending its writes one by one", leader, e.getMessage());
                    batch.forEach(p -> send(leader, List.of(p), p.write, single(leader, p)));
                    return;
                }
                List<Pending> failed = new ArrayList<>(batch);
                if (connectionLost(e)) {
                    // The writes queued behind this call would meet the same fate, so they fail too and retry, each
                    // reading the slot table again (a new leader may be named by now). A call that only timed out
                    // fails alone: its members are judged by their own deadlines, the next call may well be answered.
                    synchronized (queue) {
                        failed.addAll(queue.waiting);
                        queue.waiting.clear();
                    }
                }
                failed.forEach(p -> p.reply.completeExceptionally(failure(leader, request, e)));
            }
        });
    }

    private static boolean connectionLost(Throwable e) {
        return e instanceof InvokeSendFailedException || e instanceof ConnectionClosedException
                || e instanceof DataConnections.ConnectFailed;
    }

    private InvokeCallback single(String leader, Pending p) {
        return new Answer(() -> { }) {
            @Override
            void answered(Object reply) {
                LeaderBatches.answered(leader, List.of(p), reply);
            }

            @Override
            void failed(Throwable e) {
                p.reply.completeExceptionally(failure(leader, p.write, e));
            }
        };
    }

    /** A call's answer, on the write threads; whatever its handling throws answers the call's writes INTERNAL_ERROR. */
    private abstract class Answer implements InvokeCallback {
        private final Runnable then;
        private List<Pending> writes = List.of();

        Answer(Runnable then) {
            this.then = then;
        }

        abstract void answered(Object reply);

        abstract void failed(Throwable e);

        @Override
        public final void onResponse(Object reply) {
            handle(() -> answered(reply));
        }

        @Override
        public final void onException(Throwable e) {
            handle(() -> failed(e));
        }

        private void handle(Runnable handling) {
            try {
                handling.run();
            } catch (RuntimeException | Error e) {
                LOG.error("handling an answer to {} writes failed", writes.size(), e);
                writes.forEach(p -> p.reply.complete(new WriteReply(ErrorCode.INTERNAL_ERROR,
                        "this session failed handling data's answer: " + e, 0)));
            } finally {
                then.run();
            }
        }

        @Override
        public final Executor getExecutor() {
            return callbacks;
        }
    }

    private void send(String leader, List<Pending> writes, Object request, InvokeCallback callback) {
        if (callback instanceof Answer answer) {
            answer.writes = writes;
        }
        writes.forEach(p -> p.sent = true);
        int timeoutMs = Math.max(attemptFloorMs, writes.stream().mapToInt(p -> p.timeoutMs).max().orElse(1));
        connections.invoke(leader, request, callback, timeoutMs);
    }

    /** Each write gets its answer, unless its deadline passed meanwhile: then UNAVAILABLE, as when none came. */
    private static void answered(String leader, List<Pending> batch, Object reply) {
        Consumer<List<WriteReply>> each = replies -> {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                if (p.overdue()) {
                    expire(leader, p);
                } else {
                    p.reply.complete(replies.get(i));
                }
            }
        };
        if (batch.size() == 1 && reply instanceof WriteReply single) {
            each.accept(List.of(single));
            return;
        }
        if (reply instanceof PublishBatchReply r && r.ok() && r.replies().size() == batch.size()) {
            each.accept(r.replies());
            return;
        }
        WriteReply failed = reply instanceof PublishBatchReply r && !r.ok() ? new WriteReply(r.code(), r.message(), 0)
                : new WriteReply(ErrorCode.INTERNAL_ERROR, leader + " answered " + batch.size() + " writes with " + reply, 0);
        each.accept(batch.stream().map(p -> failed).toList());
    }

    private static RpcFailure failure(String leader, Object request, Throwable e) {
        return new RpcFailure(request.getClass().getSimpleName() + " to " + leader + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        connections.close();
    }
}
