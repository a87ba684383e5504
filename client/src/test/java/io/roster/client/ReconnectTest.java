package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.PublishRequest;
import io.roster.testkit.FreePorts;
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

/** Lost connections, reconnects and the replay of every registration, against fake sessions. */
@Timeout(30)
class ReconnectTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aPublishWhoseConnectionDiesMidCallIsKeptAndReplayed() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        fake.dropConnectionOnNextPublish(SERVICE_ID);

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200"); // returns normally although unanswered

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.publishers().containsKey(pub.registerId()));
        assertThat(fake.requests(PublishRequest.class)).hasSize(2)
                .allSatisfy(q -> assertThat(q.registerId()).isEqualTo(pub.registerId()));
        await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
    }

    @Test
    void aPublishThatTimesOutDropsTheConnectionAndIsReplayed() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()).requestTimeout(Duration.ofMillis(300)));
        fake.stallNextPublish(SERVICE_ID);

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200"); // no answer within the request timeout

        // the unanswered connection is not trusted any more: a new one replays the publication
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.publishers().containsKey(pub.registerId()));
        assertThat(fake.requests(PublishRequest.class)).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
    }

    @Test
    void buildFailsAtTheConnectTimeoutWhenNoSessionAnswers() {
        String a = "127.0.0.1:" + FreePorts.free();
        String b = "127.0.0.1:" + FreePorts.free();
        assertThatThrownBy(() -> fixture.client(fixture.builder(a, b).connectTimeout(Duration.ofMillis(500))))
                .isInstanceOf(RosterNotConnectedException.class)
                .hasMessageContaining("within 500 ms")
                .hasMessageContaining(a)
                .hasMessageContaining(b)
                .hasMessageContaining("last failure")
                .satisfies(e -> assertThat(((RosterNotConnectedException) e).addresses()).containsExactly(a, b));
    }

    @Test
    void afterTheSessionDiesTheClientMovesToTheNextAndReplaysEverything() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        pub.republish("10.0.0.1:12201");
        Publication gone = client.publish("gone", "x");
        gone.unpublish();
        Publication other = client.publish("other", "y");
        PushRecorder recorder = new PushRecorder();
        Subscription sub = client.subscribe(SERVICE, recorder);
        first.push(client.clientId(), SERVICE_ID, 10, List.of(sub.registerId()), List.of("old".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(10L));
        assertThat(second.requests()).isEmpty();

        first.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.publishers()).containsOnlyKeys(pub.registerId(), other.registerId());
        PublishRequest replayed = second.publishers().get(pub.registerId());
        assertThat(replayed.version()).isEqualTo(2);
        assertThat(replayed.clientId()).isEqualTo(client.clientId());
        assertThat(replayed.data()).extracting(ReconnectTest::utf8).containsExactly("10.0.0.1:12201");
        assertThat(second.publishers().get(other.registerId()).version()).isEqualTo(1);
        assertThat(second.subscribers()).containsOnlyKeys(sub.registerId());
        assertThat(second.subscribers().get(sub.registerId()).dataInfoId()).isEqualTo(SERVICE_ID);

        // the new session's pushes are gated by what the subscription already got
        second.push(client.clientId(), SERVICE_ID, 9, List.of(sub.registerId()), List.of());
        second.push(client.clientId(), SERVICE_ID, 11, List.of(sub.registerId()), List.of("new".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().contains(11L));
        assertThat(recorder.versions()).containsExactly(10L, 11L);

        // and calls go to the new session
        pub.republish("10.0.0.1:12202");
        assertThat(second.publishers().get(pub.registerId()).version()).isEqualTo(3);
    }

    @Test
    void everyNewConnectionRaisesTheConnectionGenerationAndPublishesAndReplaysCarryIt() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication pub = client.publish(SERVICE, "a");                        // v1 on connection 1
        first.dropConnectionOnNextPublish(SERVICE_ID);
        pub.republish("b");                                                    // v2 dies with connection 1

        await().atMost(Duration.ofSeconds(10)).until(() -> second.publishers().containsKey(pub.registerId()));
        pub.republish("c");                                                    // v3 on connection 2
        second.dropConnectionOnNextPublish(SERVICE_ID);
        pub.republish("d");                                                    // v4 dies with connection 2

        await().atMost(Duration.ofSeconds(10)).until(() -> first.publishers().containsKey(pub.registerId())
                && first.publishers().get(pub.registerId()).version() == 4);
        assertThat(first.publishers().get(pub.registerId()).connectionGeneration()).isEqualTo(3);
        List<PublishRequest> sent = new java.util.ArrayList<>(first.requests(PublishRequest.class));
        sent.addAll(second.requests(PublishRequest.class));
        // Each replay carries the number of its new connection, and so does every later publish on it.
        assertThat(sent).extracting(q -> "v" + q.version() + " on connection " + q.connectionGeneration())
                .containsExactlyInAnyOrder("v1 on connection 1", "v2 on connection 1", "v2 on connection 2",
                        "v3 on connection 2", "v4 on connection 2", "v4 on connection 3");
    }

    @Test
    void aSessionRestartedOnTheSamePortGetsEverythingReplayed() {
        FakeSession first = fixture.session();
        int port = first.port();
        RosterClient client = fixture.client(fixture.builder(first.address()));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        Subscription sub = client.subscribe(SERVICE, new PushRecorder());

        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
        FakeSession restarted = fixture.sessionOn(port);

        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(restarted.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(restarted.publishers().get(pub.registerId()).version()).isEqualTo(1);
        assertThat(restarted.subscribers()).containsOnlyKeys(sub.registerId());
    }

    @Test
    void aCallWhileDisconnectedWaitsThenFailsAndLeavesNothingBehind() {
        FakeSession first = fixture.session();
        int port = first.port();
        RosterClient client = fixture.client(fixture.builder(first.address()).connectTimeout(Duration.ofMillis(500)));
        Publication kept = client.publish(SERVICE, "a");
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());

        assertThatThrownBy(() -> client.publish("lost", "b"))
                .isInstanceOf(RosterNotConnectedException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        assertThatThrownBy(() -> kept.republish("c")).isInstanceOf(RosterNotConnectedException.class);
        assertThat(kept.version()).isEqualTo(1);

        FakeSession restarted = fixture.sessionOn(port);
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(restarted.publishers()).containsOnlyKeys(kept.registerId());
        assertThat(restarted.publishers().get(kept.registerId()).version()).isEqualTo(1);
    }
}
