package io.roster.session.routing;

import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.model.Publisher;
import io.roster.common.retry.Backoff;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.UnpublishWrite;
import io.roster.common.wire.WriteReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link DataRouter}'s writes without a waiting thread, for the session's client handlers: the same rules (every
 * attempt reads the slot table and the fence again, at most a third of {@code rpc.timeout-ms} each, retried with
 * backoff through retryable answers and unreachable leaders until {@code rpc.timeout-ms}), but the answer completes a
 * future and the waits between attempts are timers. Publishes to one data node are batched ({@link LeaderBatches}).
 * A write's future always completes, by its deadline: UNAVAILABLE when that passes (queued or sent), INTERNAL_ERROR
 * when this session failed handling it; never exceptionally, so the caller's undo and retract rules always run.
 */
public final class AsyncDataWrites implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncDataWrites.class);
    /** Between the attempts of one write: 5 ms, doubling, at most 200 ms (as {@link DataRouter}). */
    private static final Backoff BACKOFF = Backoff.ofMillis(5, 200);

    private final DataRouter router;
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, NamedThreads.factory("session-write"));
    private final LeaderBatches batches;

    /** @param batched counts publishes that went to data in a batch with others */
    public AsyncDataWrites(DataRouter router, RpcClient client, LongAdder batched) {
        this.router = router;
        timers.setRemoveOnCancelPolicy(true); // every write arms a deadline timer, and most are answered well before
        this.batches = new LeaderBatches(client, timers, batched, router.attemptTimeoutMs());
    }

    public CompletableFuture<WriteReply> publish(Publisher p) {
        return new Write(p.dataInfoId(), (target, attemptMs) -> batches.publish(target.leader(),
                new PublishWrite(target.slot(), p), attemptMs)).start();
    }

    /** @param removedAt the registration-clock tick at which this session dropped it (0: unknown) */
    public CompletableFuture<WriteReply> unpublish(String dataInfoId, String registerId, long removedAt) {
        return new Write(dataInfoId, (target, attemptMs) -> batches.single(target.leader(), new UnpublishWrite(target.slot(),
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
        private volatile WriteReply last; // of the latest attempt that got an answer; attempts never overlap
        private volatile String lastProblem = "no answer yet";

        Write(String dataInfoId, Attempt attempt) {
            this.dataInfoId = dataInfoId;
            this.attempt = attempt;
        }

        CompletableFuture<WriteReply> start() {
            try {
                var timer = timers.schedule(() -> done.complete(new WriteReply(ErrorCode.UNAVAILABLE, "no final answer within "
                        + router.timeoutMs() + " ms (rpc.timeout-ms): " + lastProblem, 0)), router.timeoutMs(), TimeUnit.MILLISECONDS);
                done.whenComplete((r, e) -> timer.cancel(false));
            } catch (RejectedExecutionException e) {
                done.complete(new WriteReply(ErrorCode.UNAVAILABLE, "this session is stopping", 0));
                return done;
            }
            next();
            return done;
        }

        /** One attempt; runs on the handler thread, then on timers: whatever it throws answers the write. */
        private void next() {
            try {
                DataRouter.Target target = router.target(dataInfoId);
                if (target.leader().isEmpty()) {
                    lastProblem = target.problem();
                    retryLater();
                    return;
                }
                long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                int attemptMs = (int) Math.min(remainingMs, router.attemptTimeoutMs());
                attempt.send(target, attemptMs).whenComplete((reply, failure) -> {
                    try {
                        answered(target, reply, failure);
                    } catch (RuntimeException | Error e) {
                        failed(e);
                    }
                });
            } catch (RuntimeException | Error e) {
                failed(e);
            }
        }

        private void answered(DataRouter.Target target, WriteReply reply, Throwable failure) {
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
        }

        /** INTERNAL_ERROR, not an exceptional future: the client's handler then undoes and retracts as for any failure. */
        private void failed(Throwable e) {
            LOG.error("write of {} failed in this session", dataInfoId, e);
            done.complete(new WriteReply(ErrorCode.INTERNAL_ERROR, "write of " + dataInfoId + " failed in this session: " + e, 0));
        }

        private void retryLater() {
            if (done.isDone()) {
                return; // answered at its deadline meanwhile
            }
            long wait = backoff.next();
            if (System.nanoTime() + wait * 1_000_000L >= deadline) {
                WriteReply lastReply = last;
                ErrorCode code = lastReply != null && lastReply.code().retryable() ? lastReply.code() : ErrorCode.UNAVAILABLE;
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

    @Override
    public void close() {
        batches.close();
        NamedThreads.shutdown(timers);
    }
}
