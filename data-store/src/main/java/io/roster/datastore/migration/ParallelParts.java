package io.roster.datastore.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Work over a list split into parts that run at once on a pool. A promotion's own digests and a cold copy's writes
 * are independent per slot (each slot has its own lock), so on a node with idle cores they need not wait for each
 * other.
 */
final class ParallelParts {
    private ParallelParts() {
    }

    /**
     * Starts {@code work} on {@code parts} near-equal consecutive parts of {@code items} (fewer if there are fewer
     * items); the future completes with the results in the order of the parts, once every part is done. A pool that
     * refuses (the node is stopping) leaves the part to run on the calling thread.
     */
    static <T, R> CompletableFuture<List<R>> start(List<T> items, int parts, Executor pool, Function<List<T>, R> work) {
        List<CompletableFuture<R>> running = new ArrayList<>();
        for (List<T> part : split(items, parts)) {
            CompletableFuture<R> f;
            try {
                f = CompletableFuture.supplyAsync(() -> work.apply(part), pool);
            } catch (RejectedExecutionException stopping) {
                f = CompletableFuture.completedFuture(work.apply(part));
            }
            running.add(f);
        }
        // allOf completes only when every part has, failed or not: no part still writes once the caller goes on.
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> running.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Runs {@code work} on the parts of {@code items} at once, the first on the calling thread (so it never waits for
     * a pool busy with another session's writes), the others on {@code pool}; returns once every part is done,
     * rethrowing what a part threw.
     */
    static <T> void run(List<T> items, int parts, Executor pool, Function<List<T>, ?> work) {
        List<List<T>> split = split(items, parts);
        if (split.isEmpty()) {
            return;
        }
        CompletableFuture<? extends List<?>> others = start(split.stream().skip(1).flatMap(List::stream).toList(),
                split.size() - 1, pool, work);
        try {
            work.apply(split.get(0));
        } finally {
            join(others); // the other parts are done, failed or not, before the caller goes on
        }
    }

    /** Waits for {@code future}, rethrowing what a part threw as it was thrown. */
    static <R> R join(CompletableFuture<R> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static <T> List<List<T>> split(List<T> items, int parts) {
        int n = Math.max(1, Math.min(parts, items.size()));
        List<List<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<T> part = items.subList(items.size() * i / n, items.size() * (i + 1) / n);
            if (!part.isEmpty()) {
                out.add(List.copyOf(part));
            }
        }
        return out;
    }
}
