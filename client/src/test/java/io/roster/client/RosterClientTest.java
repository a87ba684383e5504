package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client's API against a fake session over real bolt connections. */
@Timeout(30)
class RosterClientTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void publishRepublishAndUnpublishReachTheSessionWithTheirFields() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        assertThat(client.isConnected()).isTrue();
        assertThat(client.connectedSession()).isEqualTo(fake.address());

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        assertThat(pub.dataInfoId()).isEqualTo(SERVICE_ID);
        assertThat(pub.version()).isEqualTo(1);
        PublishRequest first = fake.requests(PublishRequest.class).get(0);
        assertThat(first.clientId()).isEqualTo(client.clientId());
        assertThat(first.appName()).isEqualTo("orders");
        assertThat(first.zone()).isEqualTo("z1");
        assertThat(first.registerId()).isEqualTo(pub.registerId());
        assertThat(first.dataInfoId()).isEqualTo(SERVICE_ID);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.data()).extracting(RosterClientTest::utf8).containsExactly("10.0.0.1:12200");

        pub.republish("10.0.0.1:12201", "10.0.0.1:12202");
        assertThat(pub.version()).isEqualTo(2);
        PublishRequest second = fake.requests(PublishRequest.class).get(1);
        assertThat(second.registerId()).isEqualTo(pub.registerId());
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.data()).extracting(RosterClientTest::utf8).containsExactly("10.0.0.1:12201", "10.0.0.1:12202");

        Publication canonical = client.publish("svc#@#i1#@#g1", List.of(new byte[] {1, 2}));
        assertThat(canonical.dataInfoId()).isEqualTo("svc#@#i1#@#g1");
        assertThat(canonical.registerId()).isNotEqualTo(pub.registerId());

        pub.unpublish();
        pub.unpublish(); // idempotent: sends nothing more
        assertThat(fake.requests(UnpublishRequest.class)).singleElement().satisfies(q -> {
            assertThat(q.clientId()).isEqualTo(client.clientId());
            assertThat(q.registerId()).isEqualTo(pub.registerId());
            assertThat(q.dataInfoId()).isEqualTo(SERVICE_ID);
        });
        assertThat(fake.publishers()).containsOnlyKeys(canonical.registerId());
        assertThatThrownBy(() -> pub.republish("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("unpublished");
    }

    @Test
    void subscribeGetsPushesInVersionOrderAndDropsStaleOnes() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        PushRecorder recorder = new PushRecorder();
        Subscription sub = client.subscribe(SERVICE, recorder);

        SubscribeRequest q = fake.requests(SubscribeRequest.class).get(0);
        assertThat(q.clientId()).isEqualTo(client.clientId());
        assertThat(q.appName()).isEqualTo("orders");
        assertThat(q.zone()).isEqualTo("z1");
        assertThat(q.registerId()).isEqualTo(sub.registerId());
        assertThat(q.dataInfoId()).isEqualTo(SERVICE_ID);

        List<String> ids = List.of(sub.registerId());
        // Each push waits for its delivery: one still undelivered when a newer one comes is replaced by it.
        PushAck ack = fake.push(client.clientId(), SERVICE_ID, 0, ids, List.of()); // nothing published yet
        assertThat(ack.ok()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(0L));
        fake.push(client.clientId(), SERVICE_ID, 5, ids, List.of("a:1".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(5L));
        fake.push(client.clientId(), SERVICE_ID, 3, ids, List.of("stale:1".getBytes(StandardCharsets.UTF_8)));
        fake.push(client.clientId(), SERVICE_ID, 5, ids, List.of("dup:1".getBytes(StandardCharsets.UTF_8)));
        fake.push(client.clientId(), SERVICE_ID, 6, List.of("someone-else", sub.registerId()),
                List.of("a:1".getBytes(StandardCharsets.UTF_8), "b:2".getBytes(StandardCharsets.UTF_8)));

        // Deliveries are in order on one thread, so once version 6 is in, 3 and the second 5 were dropped.
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(6L));
        assertThat(recorder.deliveries()).containsExactly(
                new PushRecorder.Delivery(SERVICE_ID, List.of(), 0),
                new PushRecorder.Delivery(SERVICE_ID, List.of("a:1"), 5),
                new PushRecorder.Delivery(SERVICE_ID, List.of("a:1", "b:2"), 6));

        sub.unsubscribe();
        assertThat(fake.requests(UnsubscribeRequest.class)).singleElement()
                .satisfies(u -> assertThat(u.registerId()).isEqualTo(sub.registerId()));
        assertThat(fake.push(client.clientId(), SERVICE_ID, 7, ids, List.of()).ok()).isTrue();
        // a later push for a live subscription proves the one for the dead subscription was skipped
        PushRecorder other = new PushRecorder();
        Subscription sub2 = client.subscribe("other", other);
        fake.push(client.clientId(), "other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", 1, List.of(sub2.registerId()), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> !other.deliveries().isEmpty());
        assertThat(recorder.versions()).containsExactly(0L, 5L, 6L);
    }

    @Test
    void aBlockedListenerDoesNotHoldTheAcksAndThenGetsOnlyTheLatest() throws InterruptedException {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        PushRecorder recorder = new PushRecorder();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Subscription sub = client.subscribe(SERVICE, (id, data, version) -> {
            recorder.onData(id, data, version);
            entered.countDown();
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> ids = List.of(sub.registerId());
        assertThat(fake.push(client.clientId(), SERVICE_ID, 1, ids, List.of()).ok()).isTrue();
        assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (long v = 2; v <= 20; v++) {
            // acked within the push's 3 s timeout although the listener is stuck: the session neither retries nor pauses
            assertThat(fake.push(client.clientId(), SERVICE_ID, v, ids, List.of(("v" + v).getBytes(StandardCharsets.UTF_8))).ok())
                    .isTrue();
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(20L));
        assertThat(recorder.deliveries()).containsExactly(new PushRecorder.Delivery(SERVICE_ID, List.of(), 1),
                new PushRecorder.Delivery(SERVICE_ID, List.of("v20"), 20));
    }

    @Test
    void aThrowingListenerDoesNotStopLaterPushes() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        PushRecorder recorder = new PushRecorder();
        Subscription sub = client.subscribe(SERVICE, (id, data, version) -> {
            recorder.onData(id, data, version);
            throw new IllegalStateException("listener bug (expected in this test)");
        });
        fake.push(client.clientId(), SERVICE_ID, 1, List.of(sub.registerId()), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().equals(List.of(1L)));
        fake.push(client.clientId(), SERVICE_ID, 2, List.of(sub.registerId()), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().equals(List.of(1L, 2L)));
    }

    @Test
    void badInputFailsLocallyWithoutANetworkCall() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address())
                .limits(new RegistryLimits(64, 16, 2, 32)));

        assertThatThrownBy(() -> client.publish("", "a")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("dataId is empty");
        assertThatThrownBy(() -> client.publish("a b", "a")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("white-space");
        assertThatThrownBy(() -> client.publish("x".repeat(65), "a")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("over the limit of 64");
        assertThatThrownBy(() -> client.publish(SERVICE, "0123456789abcdefXYZ")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("19 bytes, over the limit of 16");
        assertThatThrownBy(() -> client.publish(SERVICE, "a", "b", "c")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("3 data items");
        assertThatThrownBy(() -> client.publish(SERVICE)).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("at least one data item");
        assertThatThrownBy(() -> client.subscribe("a#@#b", new PushRecorder())).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("2 parts");

        Publication pub = client.publish(SERVICE, "ok");
        assertThatThrownBy(() -> pub.republish("0123456789abcdefXYZ")).isInstanceOf(InvalidRegistrationException.class);
        assertThat(pub.version()).isEqualTo(1);
        assertThat(fake.requests()).hasSize(1); // only the valid publish went out
    }

    @Test
    void aRejectionBySessionIsAnInvalidRegistrationAndIsNotKept() {
        FakeSession fake = fixture.session();
        fake.reject("banned#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        RosterClient client = fixture.client(fixture.builder(fake.address()));

        assertThatThrownBy(() -> client.publish("banned", "a"))
                .isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("rejected the publish of banned")
                .hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> client.subscribe("banned", new PushRecorder()))
                .isInstanceOf(InvalidRegistrationException.class);
        Publication ok = client.publish("fine", "a");

        // a new session gets only the accepted registration
        fake.close();
        FakeSession again = fixture.sessionOn(fake.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> again.publishers().containsKey(ok.registerId()));
        assertThat(again.requests()).hasSize(1);
    }

    @Test
    void closeIsIdempotentAndLaterCallsThrow() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.builder(fake.address()).build();
        Publication pub = client.publish(SERVICE, "a");
        Subscription sub = client.subscribe(SERVICE, new PushRecorder());
        client.close();
        client.close();
        assertThat(client.isConnected()).isFalse();
        assertThat(client.connectedSession()).isNull();
        assertThatThrownBy(() -> client.publish(SERVICE, "b")).isInstanceOf(IllegalStateException.class).hasMessage("client is closed");
        assertThatThrownBy(() -> client.subscribe(SERVICE, new PushRecorder())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pub.republish("c")).isInstanceOf(IllegalStateException.class).hasMessage("client is closed");
        assertThatThrownBy(pub::unpublish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(sub::unsubscribe).isInstanceOf(IllegalStateException.class);
        assertThat(fake.requests()).hasSize(2); // close unregisters nothing explicitly
    }
}
