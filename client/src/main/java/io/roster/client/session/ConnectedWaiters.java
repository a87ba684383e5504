package io.roster.client.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Asynchronous calls waiting for the link to be CONNECTED, the non-blocking twin of
 * {@link SessionLink#awaitConnected}: each is settled when the link's state changes (connected, closed) or at its
 * deadline. Guarded by the link's lock; the futures are completed outside it.
 */
final class ConnectedWaiters {
    private record Waiter(long deadlineNanos, CompletableFuture<LinkStatus> future) {
    }

    private final List<Waiter> waiting = new ArrayList<>();

    /** Adds a waiter; under the link's lock. */
    void add(long deadlineNanos, CompletableFuture<LinkStatus> future) {
        waiting.add(new Waiter(deadlineNanos, future));
    }

    /**
     * Takes the waiters {@code settle} decides for (it returns null for one that still waits) and returns how to
     * complete each; under the link's lock. Run the result outside it.
     */
    List<Runnable> settle(Function<Long, Object> settle) {
        List<Runnable> done = new ArrayList<>();
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            Object outcome = settle.apply(w.deadlineNanos());
            if (outcome == null) {
                continue;
            }
            it.remove();
            if (outcome instanceof LinkStatus status) {
                done.add(() -> w.future().complete(status));
            } else {
                done.add(() -> w.future().completeExceptionally((Throwable) outcome));
            }
        }
        return done;
    }
}
