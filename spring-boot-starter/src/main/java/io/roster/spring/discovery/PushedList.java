package io.roster.spring.discovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The latest list a subscription was pushed, decoded. Readers get it without waiting once the first push came; the
 * first reader waits up to a bound for that push (the session sends the current list right after subscribing).
 */
final class PushedList<T> {
    private final CountDownLatch firstPush = new CountDownLatch(1);
    private volatile List<T> current = List.of();

    /** Called on the client's dispatcher thread, one push at a time, versions growing. */
    void update(List<T> list) {
        current = List.copyOf(list);
        firstPush.countDown();
    }

    boolean received() {
        return firstPush.getCount() == 0;
    }

    /** The current list, after waiting up to {@code firstPushTimeout} for the first push (empty if it did not come). */
    List<T> get(Duration firstPushTimeout) {
        if (!received()) {
            try {
                firstPush.await(firstPushTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return current;
    }
}
