package io.roster.tools.bench.push;

import io.roster.client.RosterClient;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * One SDK client's share of a registration load, with at most {@code inFlight} registrations outstanding: with 1 it
 * calls the synchronous {@code publish}, above 1 {@code publishAsync}, taking a permit before each call and giving
 * it back on the answer. Returns once every registration it made was accepted; the first failure is thrown.
 */
final class InFlightPublisher {
    private final RosterClient client;
    private final int inFlight;

    InFlightPublisher(RosterClient client, int inFlight) {
        this.client = client;
        this.inFlight = inFlight;
    }

    /** Publishes i = first, first + step, ... below {@code count}: one item {@code address(i)} under {@code dataId(i)}. */
    void publishEvery(int first, int step, int count, IntFunction<String> dataId, IntFunction<String> address) throws InterruptedException {
        if (inFlight == 1) {
            for (int i = first; i < count; i += step) {
                client.publish(dataId.apply(i), address.apply(i));
            }
            return;
        }
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = first; i < count && failure.get() == null; i += step) {
            permits.acquire();
            client.publishAsync(dataId.apply(i), address.apply(i)).whenComplete((publication, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
            });
        }
        permits.acquire(inFlight); // every answer is in
        Throwable t = failure.get();
        if (t != null) {
            Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
