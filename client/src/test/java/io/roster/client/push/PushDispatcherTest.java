package io.roster.client.push;

import io.roster.client.registry.RegistrationTable;
import io.roster.client.registry.SubscriptionRecord;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class PushDispatcherTest {
    private final RegistrationTable table = new RegistrationTable();
    private final PushDispatcher dispatcher = new PushDispatcher(table::subscriber, "test-dispatch");

    @AfterEach
    void tearDown() {
        dispatcher.close();
    }

    private static PushMessage push(String id, long version, List<String> subscribers, String... data) {
        return new PushMessage(id, version, subscribers, java.util.Arrays.stream(data).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Test
    void deliversNewerVersionsInOrderAndDropsStaleDuplicateForeignAndUnknownOnes() {
        PushRecorder a = new PushRecorder();
        PushRecorder b = new PushRecorder();
        table.putSubscriber(new SubscriptionRecord("a", "d1", a::onData));
        table.putSubscriber(new SubscriptionRecord("b", "d1", b::onData));
        table.putSubscriber(new SubscriptionRecord("c", "d2", new PushRecorder()::onData));

        // Each step waits for its delivery: a version still undelivered when a newer one comes is replaced by it.
        dispatcher.dispatch(push("d1", 0, List.of("a")));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.versions().contains(0L));
        dispatcher.dispatch(push("d1", 4, List.of("a", "b", "nobody"), "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.versions().contains(4L) && b.versions().contains(4L));
        dispatcher.dispatch(push("d1", 3, List.of("a", "b"), "stale"));
        dispatcher.dispatch(push("d1", 4, List.of("a"), "dup"));
        dispatcher.dispatch(push("d2", 9, List.of("a"), "wrong dataInfoId"));
        dispatcher.dispatch(push("d1", 5, List.of("a", "b"), "x", "y"));

        await().atMost(Duration.ofSeconds(5)).until(() -> a.versions().contains(5L) && b.versions().contains(5L));
        assertThat(a.deliveries()).containsExactly(
                new PushRecorder.Delivery("d1", List.of(), 0),
                new PushRecorder.Delivery("d1", List.of("x"), 4),
                new PushRecorder.Delivery("d1", List.of("x", "y"), 5));
        assertThat(b.versions()).containsExactly(4L, 5L);
    }

    @Test
    void aSlowListenerDelaysOnlyDeliveriesNotTheCaller() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        PushRecorder after = new PushRecorder();
        table.putSubscriber(new SubscriptionRecord("slow", "d", (id, data, v) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        table.putSubscriber(new SubscriptionRecord("fast", "d", after::onData));

        assertThat(dispatcher.dispatch(push("d", 1, List.of("slow")))).isTrue();
        assertThat(dispatcher.dispatch(push("d", 1, List.of("fast")))).isTrue(); // queued at once
        assertThat(after.deliveries()).isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> after.versions().equals(List.of(1L)));
    }

    @Test
    void aBlockedListenerLeavesOnePendingPushPerSubscriptionAndThenGetsTheLatest() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PushRecorder blocked = new PushRecorder();
        PushRecorder sameData = new PushRecorder();
        PushRecorder otherData = new PushRecorder();
        table.putSubscriber(new SubscriptionRecord("a", "d1", (id, data, v) -> {
            blocked.onData(id, data, v);
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        table.putSubscriber(new SubscriptionRecord("b", "d1", sameData::onData));
        table.putSubscriber(new SubscriptionRecord("c", "d2", otherData::onData));

        dispatcher.dispatch(push("d1", 1, List.of("a", "b"), "v1"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // the one delivery thread is stuck in a's listener
        for (int v = 2; v <= 50; v++) {
            assertThat(dispatcher.dispatch(push("d1", v, List.of("a", "b"), "v" + v))).isTrue();
            assertThat(dispatcher.dispatch(push("d2", v, List.of("c"), "v" + v))).isTrue();
        }
        dispatcher.dispatch(push("d1", 30, List.of("a", "b"), "stale")); // older than the pending one: dropped

        assertThat(dispatcher.pendingCount()).as("undelivered pushes held: the latest one per subscription")
                .isEqualTo(3);
        table.putSubscriber(new SubscriptionRecord("gone", "d2", new PushRecorder()::onData));
        dispatcher.dispatch(push("d2", 50, List.of("gone"), "v50"));
        assertThat(dispatcher.pendingCount()).isEqualTo(4);
        table.removeSubscriber(table.subscriber("gone"));
        dispatcher.forget("gone"); // unsubscribed: its waiting push is dropped at once
        assertThat(dispatcher.pendingCount()).isEqualTo(3);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> sameData.versions().contains(50L)
                && otherData.versions().contains(50L) && blocked.versions().contains(50L));
        assertThat(blocked.versions()).containsExactly(1L, 50L);
        assertThat(sameData.deliveries()).containsExactly(new PushRecorder.Delivery("d1", List.of("v50"), 50));
        assertThat(otherData.versions()).containsExactly(50L);
        assertThat(dispatcher.pendingCount()).isZero();
    }

    @Test
    void aListenerThatWantsChangesGetsThemSinceItsLastListWhenANewerPushReplacedAWaitingOne() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        table.putSubscriber(new SubscriptionRecord("a", "d", new SubscriptionRecord.Listener() {
            @Override
            public void onData(String id, List<byte[]> data, long v) {
                throw new AssertionError("a listener that wants changes gets onChange");
            }

            @Override
            public boolean wantsChanges() {
                return true;
            }

            @Override
            public void onChange(String id, List<byte[]> data, java.util.Map<String, List<byte[]>> changed,
                                 java.util.Set<String> removed, long v) {
                seen.add(v + " " + new java.util.TreeSet<>(changed.keySet()) + " -" + new java.util.TreeSet<>(removed)
                        + " " + data.size());
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        dispatcher.dispatch(keyed(1, entry("p", 1, "p:1"), entry("q", 2, "q:1")));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        dispatcher.dispatch(keyed(2, entry("p", 1, "p:1"), entry("q", 2, "q:2"))); // waits, then is replaced
        dispatcher.dispatch(keyed(3, entry("p", 1, "p:1"), entry("r", 3, "r:1")));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("1 [p, q] -[] 2", "3 [r] -[q] 2");
    }

    private static io.roster.common.wire.PushEntry entry(String key, long order, String item) {
        return new io.roster.common.wire.PushEntry(key, order, List.of(item.getBytes(StandardCharsets.UTF_8)));
    }

    private static PushMessage keyed(long version, io.roster.common.wire.PushEntry... entries) {
        return PushMessage.keyed("d", version, List.of("a"), 0, List.of(entries), List.of());
    }

    @Test
    void aPushIsAckedOnceItHoldsTheSubscriptionsSlotEvenWhileItsListenerIsBlocked() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PushRecorder seen = new PushRecorder();
        table.putSubscriber(new SubscriptionRecord("a", "d", (id, data, v) -> {
            seen.onData(id, data, v);
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        PushHandler handler = new PushHandler(dispatcher, Runnable::run);

        assertThat(((PushAck) handler.handle(null, push("d", 1, List.of("a"), "x"))).code()).isEqualTo(ErrorCode.OK);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int v = 2; v <= 20; v++) {
            // Answered at once, not when the blocked listener returns: the session's push timeout never fires.
            assertThat(((PushAck) handler.handle(null, push("d", v, List.of("a"), "x"))).code()).isEqualTo(ErrorCode.OK);
            assertThat(dispatcher.pendingCount()).isEqualTo(1);
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.versions().equals(List.of(1L, 20L)));

        dispatcher.close();
        assertThat(((PushAck) handler.handle(null, push("d", 21, List.of("a"), "x"))).code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void listenersGetTheirOwnCopiesAndAClosedDispatcherRefuses() {
        byte[][] seen = new byte[2][];
        table.putSubscriber(new SubscriptionRecord("a", "d", (id, data, v) -> {
            seen[0] = data.get(0);
            data.get(0)[0] = 'X';
        }));
        table.putSubscriber(new SubscriptionRecord("b", "d", (id, data, v) -> seen[1] = data.get(0)));
        dispatcher.dispatch(push("d", 1, List.of("a", "b"), "abc"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen[1] != null);
        assertThat(new String(seen[1], StandardCharsets.UTF_8)).isEqualTo("abc");

        dispatcher.close();
        assertThat(dispatcher.dispatch(push("d", 2, List.of("a")))).isFalse();
    }
}
