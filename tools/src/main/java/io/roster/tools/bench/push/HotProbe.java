package io.roster.tools.bench.push;

import io.roster.client.SubscriptionListener;
import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One subscriber of the hot service. The instance that changed carries {@code bench-SEQ-NANOS} (its publish time in
 * this JVM); the others a plain address. A push's latency is counted once per SEQ, for the highest SEQ in the list
 * (items of earlier changes stay in it; the caller drops what the first list recorded). Only items starting with 'b' are
 * parsed: the list holds thousands of instances and every subscriber scans it on every push.
 */
final class HotProbe implements SubscriptionListener {
    private static final byte[] TAG = "bench-".getBytes(StandardCharsets.UTF_8);

    private final Recorder latencyMicros;
    private final LongSupplier clock;
    private final PushMessages messages;
    private final int client;
    private volatile long lastSeq = -1;
    private volatile int lastSize;

    HotProbe(Recorder latencyMicros, LongSupplier clock, PushMessages messages, int client) {
        this.latencyMicros = latencyMicros;
        this.clock = clock;
        this.messages = messages;
        this.client = client;
    }

    @Override
    public void onData(String dataInfoId, List<byte[]> data, long version) {
        long now = clock.getAsLong();
        messages.seen(client, version);
        lastSize = data.size();
        long maxSeq = -1, nanosOfMax = 0;
        for (byte[] d : data) {
            if (d.length > TAG.length && d[0] == 'b' && tagged(d)) {
                String[] parts = new String(d, StandardCharsets.UTF_8).split("-");
                long seq = Long.parseLong(parts[1]);
                if (seq > maxSeq) {
                    maxSeq = seq;
                    nanosOfMax = Long.parseLong(parts[2]);
                }
            }
        }
        if (maxSeq > lastSeq) {
            lastSeq = maxSeq;
            latencyMicros.recordValue(Math.max(0, (now - nanosOfMax) / 1000));
        }
    }

    private static boolean tagged(byte[] d) {
        for (int i = 0; i < TAG.length; i++) {
            if (d[i] != TAG[i]) {
                return false;
            }
        }
        return true;
    }

    long lastSeq() {
        return lastSeq;
    }

    int lastSize() {
        return lastSize;
    }
}
