package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session that stops answering (a stopped process keeps its TCP connection) is left for another after one
 * unanswered liveness ping, and its connection is closed only once the new session holds every registration, so
 * the client-off the old session then sends cannot take the client's publishers out of any list.
 */
@Timeout(30)
class LivenessCheckTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aSilentSessionIsLeftAndClosedOnlyAfterTheNextOneHoldsEverything() {
        FakeSession stalled = fixture.session();
        FakeSession next = fixture.session();
        RosterClient client = fixture.client(fixture.builder(stalled.address(), next.address())
                .livenessCheck(Duration.ofMillis(100), Duration.ofSeconds(1)));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        await().atMost(Duration.ofSeconds(5)).until(() -> stalled.pings() >= 2); // pings answered: it stays
        assertThat(client.connectedSession()).isEqualTo(stalled.address());
        List<Boolean> nextHeldItWhenClosed = new CopyOnWriteArrayList<>();
        stalled.onConnectionClosed(() -> nextHeldItWhenClosed.add(next.publishers().containsKey(pub.registerId())));

        stalled.stallPings();

        await().atMost(Duration.ofSeconds(10)).until(() -> next.address().equals(client.connectedSession()) && client.isConnected());
        assertThat(next.publishers()).containsKey(pub.registerId());
        await().atMost(Duration.ofSeconds(5)).until(() -> !nextHeldItWhenClosed.isEmpty());
        assertThat(nextHeldItWhenClosed).as("the new session held the publisher when the old connection closed")
                .containsOnly(true);
    }

    @Test
    void aSessionThatAnswersPingsWithAnErrorIsStillAlive() {
        FakeSession session = fixture.track(FakeSession.startWithoutPings()); // bolt: "no processor" for SessionPing
        RosterClient client = fixture.client(fixture.builder(session.address())
                .livenessCheck(Duration.ofMillis(50), Duration.ofSeconds(2)));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        // 20 ping periods, each answered with bolt's error: the client stays connected throughout. The timeout is long
        // so that only the error answers are on trial, not how fast a loaded machine schedules the ping's reply.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(client::isConnected);
        assertThat(session.requests()).as("no reconnect, so no replay: one publish only").hasSize(1);
        assertThat(session.publishers()).containsKey(pub.registerId());
    }

    @Test
    void theCheckCanBeTurnedOffAndBadSettingsAreNamed() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()).livenessCheck(Duration.ZERO, null));
        client.publish(SERVICE, "10.0.0.1:12200");
        assertThat(session.pings()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.builder(session.address())
                        .livenessCheck(Duration.ofMillis(100), Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("livenessCheck timeout");
    }
}
