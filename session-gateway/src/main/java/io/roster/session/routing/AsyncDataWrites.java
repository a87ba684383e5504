package io.roster.session.routing;

import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.model.Publisher;
import io.roster.common.retry.Backoff;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * {@link DataRouter}'s writes without a waiting thread, for the session's client handlers: the same rules (every
 * attempt reads the slot table and the fence again, at most a third of {@code rpc.timeout-ms} each, retried with
 * backoff through retryable answers and unreachable leaders until {@code rpc.timeout-ms}), but the answer completes a
 * future and the waits between attempts are timers. Publishes to one data node are batched ({@link LeaderBatches}).
 */
public final class AsyncDataWrites implements AutoCloseable {
    /** Between the attempts of one write: 5 ms, doubling, at most 200 ms (as {@link DataRouter}). */
    private static final Backoff BACKOFF = Backoff.ofMillis(5, 200);

    private final DataRouter router;
    private final RpcClient client;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, NamedThreads.factory("session-write"));
    private final LeaderBatches batches;

    /** @param batched counts publishes that went to data in a batch with others */
    public AsyncDataWrites(DataRouter router, RpcClient client, LongAdder batched) {
        this.router = router;
        this.client = client;
        this.batches = new LeaderBatches(client, timers, batched);
    }

    public CompletableFuture<WriteReply> publish(Publisher p) {
        return new Write(p.dataInfoId(), (target, attemptMs) -> batches.publish(target.leader(),
                new PublishWrite(target.slot(), p), attemptMs)).start();
    }

    /** @param removedAt the registration-clock tick at which this session dropped it (0: unknown) */
    public CompletableFuture<WriteReply> unpublish(String dataInfoId, String registerId, long removedAt) {
        return new Write(dataInfoId, (target, attemptMs) -> single(target.leader(), new UnpublishWrite(target.slot(),
                dataInfoId, registerId, router.sessionProcessId(), removedAt), attemptMs)).start();
    }

    /** One attempt: the call to the target's leader, with at most {@code attemptMs}. */
    private interface Attempt {
        CompletableFuture<WriteReply> send(DataRouter.Target target, int attemptMs);
    }

    /** One routed write and its attempts. */
    private final class Write {
        private final String dataInfoId;
        private final Attempt attempt;
        private final long deadline = System.nanoTime() + router.timeoutMs() * 1_000_000L;
        private final Backoff.Sequence backoff = BACKOFF.sequence();
        private final CompletableFuture<WriteReply> done = new CompletableFuture<>();
        private WriteReply last; // of the latest attempt that got an answer; attempts never overlap
        private String lastProblem;

        Write(String dataInfoId, Attempt attempt) {
            this.dataInfoId = dataInfoId;
            this.attempt = attempt;
        }

        CompletableFuture<WriteReply> start() {
            next();
            return done;
        }

        private void next() {
            DataRouter.Target target = router.target(dataInfoId);
            if (target.leader().isEmpty()) {
                lastProblem = target.problem();
                retryLater();
                return;
            }
            long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            int attemptMs = (int) Math.min(remainingMs, router.attemptTimeoutMs());
            attempt.send(target, attemptMs).whenComplete((reply, failure) -> {
                if (failure != null) {
                    lastProblem = failure.getMessage();
                } else if (!reply.code().retryable()) {
                    done.complete(reply);
                    return;
                } else {
                    last = reply;
                    lastProblem = "slot " + target.slot() + " leader " + target.leader() + " answered " + reply;
                }
                retryLater();
            });
        }

        private void retryLater() {
            long wait = backoff.next();
            if (System.nanoTime() + wait * 1_000_000L >= deadline) {
                ErrorCode code = last != null && last.code().retryable() ? last.code() : ErrorCode.UNAVAILABLE;
                done.complete(new WriteReply(code, lastProblem, 0));
                return;
            }
            try {
                timers.schedule(this::next, wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                done.complete(new WriteReply(ErrorCode.UNAVAILABLE, "this session is stopping", 0));
            }
        }
    }

    private CompletableFuture<WriteReply> single(String leader, Object request, int timeoutMs) {
        CompletableFuture<WriteReply> reply = new CompletableFuture<>();
        Function<Object, WriteReply> typed = r -> r instanceof WriteReply w ? w
                : new WriteReply(ErrorCode.INTERNAL_ERROR, leader + " answered " + r, 0);
        try {
            client.invokeWithCallback(leader, request, new InvokeCallback() {
                @Override
                public void onResponse(Object r) {
                    reply.complete(typed.apply(r));
                }

                @Override
                public void onException(Throwable e) {
                    reply.completeExceptionally(e);
                }

                @Override
                public Executor getExecutor() {
                    return timers;
                }
            }, timeoutMs);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reply.completeExceptionally(e);
        }
        return reply;
    }

    @Override
    public void close() {
        NamedThreads.shutdown(timers);
    }
}
