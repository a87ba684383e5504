package io.roster.tools.bench.push;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts push messages, not subscriber deliveries: a session sends one message per client connection and change,
 * carrying every subscriber of that client. Each (client, service) pair remembers the highest version it saw; the
 * first subscriber to see a higher one counts the message.
 */
final class PushMessages {
    private final AtomicLongArray lastVersion;
    private final AtomicLong count = new AtomicLong();

    PushMessages(int pairs) {
        this.lastVersion = new AtomicLongArray(pairs);
        for (int i = 0; i < pairs; i++) {
            lastVersion.set(i, -1);
        }
    }

    void seen(int pair, long version) {
        while (true) {
            long last = lastVersion.get(pair);
            if (version <= last) {
                return;
            }
            if (lastVersion.compareAndSet(pair, last, version)) {
                count.incrementAndGet();
                return;
            }
        }
    }

    long count() {
        return count.get();
    }
}
