package io.roster.tools.bench.push;

import io.roster.client.SubscriptionListener;
import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One benchmark subscriber. The publisher's data item is {@code bench-SEQ-NANOS} (its System.nanoTime at publish, in
 * this same JVM), so a push's latency is now minus NANOS; only the first push carrying a SEQ counts.
 */
final class PushProbe implements SubscriptionListener {
    private final Recorder latencyMicros;
    private final AtomicLong pushes;
    private final AtomicLong bytes;
    private final LongSupplier clock;
    private final PushMessages messages;
    private final int pair;
    private volatile long lastSeq = -1;

    /** @param pair this subscriber's (client, service) index in {@code messages} */
    PushProbe(Recorder latencyMicros, AtomicLong pushes, AtomicLong bytes, LongSupplier clock, PushMessages messages, int pair) {
        this.messages = messages;
        this.pair = pair;
        this.latencyMicros = latencyMicros;
        this.pushes = pushes;
        this.bytes = bytes;
        this.clock = clock;
    }

    static String item(long seq, long nanos) {
        return "bench-" + seq + "-" + nanos;
    }

    @Override
    public void onData(String dataInfoId, List<byte[]> data, long version) {
        long now = clock.getAsLong();
        pushes.incrementAndGet();
        messages.seen(pair, version);
        for (byte[] d : data) {
            bytes.addAndGet(d.length);
            String[] parts = new String(d, StandardCharsets.UTF_8).split("-");
            if (parts.length == 3 && parts[0].equals("bench")) {
                long seq = Long.parseLong(parts[1]);
                if (seq > lastSeq) {
                    lastSeq = seq;
                    latencyMicros.recordValue(Math.max(0, (now - Long.parseLong(parts[2])) / 1000));
                }
            }
        }
    }

    long lastSeq() {
        return lastSeq;
    }
}
