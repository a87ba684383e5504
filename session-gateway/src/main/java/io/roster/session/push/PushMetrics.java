package io.roster.session.push;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;

import java.util.concurrent.TimeUnit;

/**
 * The push engine's figures, in the node's Dropwizard registry (served as Prometheus text on /metrics): pushes
 * acknowledged, failed, retried and deferred (back-pressure), pushes sent as deltas and as full lists, pushes of converted interface lists, repairs (the
 * version check found a subscriber behind data with no push of that datum under way: a lost change notice, or a pause
 * that is over), bytes of data pushed (the deflated size when deflated; a delta counts its own size), and the latency
 * from the change notice (or the new subscription) to the client's acknowledgement, in
 * milliseconds over the last minute.
 */
public final class PushMetrics {
    private final Counter pushes;
    private final Counter failures;
    private final Counter retries;
    private final Counter bytes;
    private final Counter deferred;
    private final Counter deltas;
    private final Counter fullLists;
    private final Counter repairs;
    private final Counter converted;
    private final Histogram latencyMillis;

    public PushMetrics(MetricRegistry registry) {
        this.pushes = registry.counter("session.push.acked");
        this.failures = registry.counter("session.push.failed");
        this.retries = registry.counter("session.push.retried");
        this.bytes = registry.counter("session.push.bytes");
        this.deferred = registry.counter("session.push.deferred");
        this.deltas = registry.counter("session.push.delta");
        this.fullLists = registry.counter("session.push.full");
        this.repairs = registry.counter("session.push.repairs");
        this.converted = registry.counter("session.push.converted");
        this.latencyMillis = registry.histogram("session.push.latency.ms",
                () -> new Histogram(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES)));
    }

    /** Figures kept nowhere: engines built without a registry (unit tests). */
    public static PushMetrics discarded() {
        return new PushMetrics(new MetricRegistry());
    }

    /** @param latencyMillis from the change notice (or the subscription) to the client's ack */
    void acked(long dataBytes, long latencyMillis) {
        pushes.inc();
        bytes.inc(dataBytes);
        this.latencyMillis.update(Math.max(0, latencyMillis));
    }

    /** A push went on the wire but was not acked as such (a delta refused for its base): its bytes count. */
    void wireBytes(long dataBytes) {
        bytes.inc(dataBytes);
    }

    /** A delta push was sent. */
    void sentDelta() {
        deltas.inc();
    }

    /** A push with the whole list was sent (keyed or plain). */
    void sentFull() {
        fullLists.inc();
    }

    /** A push of a converted interface list (application instances converted for an older subscriber) was sent. */
    void sentConverted() {
        converted.inc();
    }

    void failed() {
        failures.inc();
    }

    /** A push held back because its client had session.max-pending-pushes-per-client unacknowledged. */
    void deferred() {
        deferred.inc();
    }

    /** The version check found a real gap and started a round to close it. */
    void repaired() {
        repairs.inc();
    }

    void retried() {
        retries.inc();
    }
}
