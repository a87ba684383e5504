package io.roster.session.routing;

import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.exception.InvokeException;
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
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes to data nodes, batched per node: at most one call per data node is in flight; the writes that queue for
 * it meanwhile go out together, up to {@link #MAX_BATCH}, in one {@link PublishBatch} when it returns. A write alone
 * goes as a plain {@link PublishWrite}. Each write gets its own answer. So under load a data node takes one call (one
 * store write per slot) for many publishes, and when idle a publish costs one round trip as before.
 */
final class LeaderBatches {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderBatches.class);
    /** Writes per batch: bounds the frame (a publisher is at most 512 KiB + 1 MiB under the default frame cap). */
    static final int MAX_BATCH = 256;

    private final RpcClient client;
    private final Executor callbacks;
    private final LongAdder batched;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    /**
     * @param callbacks where answers are handled and the next batch sent (not bolt's IO threads)
     * @param batched   counts writes that went out in a batch with others (metric {@code session.writes.batched})
     */
    LeaderBatches(RpcClient client, Executor callbacks, LongAdder batched) {
        this.client = client;
        this.callbacks = callbacks;
        this.batched = batched;
    }

    private record Pending(PublishWrite write, int timeoutMs, CompletableFuture<WriteReply> reply) {
    }

    private static final class Queue {
        final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        boolean inFlight; // guarded by this
    }

    /** Sends {@code write} to {@code leader} with the next batch; fails with {@link RpcFailure} when no answer came. */
    CompletableFuture<WriteReply> publish(String leader, PublishWrite write, int timeoutMs) {
        Pending pending = new Pending(write, timeoutMs, new CompletableFuture<>());
        Queue queue = queues.computeIfAbsent(leader, a -> new Queue());
        boolean sendNow;
        synchronized (queue) {
            queue.waiting.add(pending);
            sendNow = !queue.inFlight;
            queue.inFlight = true;
        }
        if (sendNow) {
            sendNext(leader, queue);
        }
        return pending.reply();
    }

    private void sendNext(String leader, Queue queue) {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < MAX_BATCH && !queue.waiting.isEmpty()) {
                batch.add(queue.waiting.poll());
            }
            if (batch.isEmpty()) {
                queue.inFlight = false;
                return;
            }
        }
        if (batch.size() > 1) {
            batched.add(batch.size());
        }
        int timeoutMs = batch.stream().mapToInt(Pending::timeoutMs).max().orElse(1);
        Object request = batch.size() == 1 ? batch.get(0).write()
                : new PublishBatch(batch.stream().map(Pending::write).toList());
        send(leader, request, timeoutMs, new InvokeCallback() {
            @Override
            public void onResponse(Object reply) {
                answered(leader, batch, reply);
                sendNext(leader, queue);
            }

            @Override
            public void onException(Throwable e) {
                if (batch.size() > 1 && e.getClass() == InvokeException.class) {
                    // A data node without PublishBatch (an older build) answers NO_PROCESSOR: send them one by one.
                    LOG.debug("{} refused a PublishBatch ({}); sending its writes one by one", leader, e.getMessage());
                    batch.forEach(p -> send(leader, p.write(), p.timeoutMs(), single(leader, p)));
                } else {
                    // Unreachable or silent: the writes queued behind this batch would meet the same fate, so they
                    // fail too and retry, each reading the slot table again (a new leader may be named by now).
                    List<Pending> failed = new ArrayList<>(batch);
                    synchronized (queue) {
                        failed.addAll(queue.waiting);
                        queue.waiting.clear();
                    }
                    failed.forEach(p -> p.reply().completeExceptionally(failure(leader, request, e)));
                }
                sendNext(leader, queue);
            }

            @Override
            public Executor getExecutor() {
                return callbacks;
            }
        });
    }

    private InvokeCallback single(String leader, Pending p) {
        return new InvokeCallback() {
            @Override
            public void onResponse(Object reply) {
                answered(leader, List.of(p), reply);
            }

            @Override
            public void onException(Throwable e) {
                p.reply().completeExceptionally(failure(leader, p.write(), e));
            }

            @Override
            public Executor getExecutor() {
                return callbacks;
            }
        };
    }

    private void send(String leader, Object request, int timeoutMs, InvokeCallback callback) {
        try {
            client.invokeWithCallback(leader, request, callback, timeoutMs);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            callbacks.execute(() -> callback.onException(e)); // not inline: the next batch may fail the same way
        }
    }

    private static void answered(String leader, List<Pending> batch, Object reply) {
        if (batch.size() == 1 && reply instanceof WriteReply single) {
            batch.get(0).reply().complete(single);
            return;
        }
        if (reply instanceof PublishBatchReply r && r.ok() && r.replies().size() == batch.size()) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply().complete(r.replies().get(i));
            }
            return;
        }
        WriteReply failed = reply instanceof PublishBatchReply r && !r.ok() ? new WriteReply(r.code(), r.message(), 0)
                : new WriteReply(ErrorCode.INTERNAL_ERROR, leader + " answered " + batch.size() + " writes with " + reply, 0);
        batch.forEach(p -> p.reply().complete(failed));
    }

    private static RpcFailure failure(String leader, Object request, Throwable e) {
        return new RpcFailure(request.getClass().getSimpleName() + " to " + leader + " failed: " + e.getMessage(), e);
    }
}
