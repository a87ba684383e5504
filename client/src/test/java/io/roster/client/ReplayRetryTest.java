package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.SubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static io.roster.client.testing.ClientFixture.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A replay is complete only when the session accepted every registration; until then calls wait. */
@Timeout(30)
class ReplayRetryTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void retryableAnswersToTheReplayAreRetriedOnTheSameConnectionUntilAccepted() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address())
                .connectTimeout(Duration.ofSeconds(1)));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        Subscription sub = client.subscribe("other", new PushRecorder());
        second.failWith(PublishRequest.class, SERVICE_ID, ErrorCode.UNAVAILABLE);
        second.failWith(SubscribeRequest.class, canonical("other"), ErrorCode.SLOT_NOT_READY);

        first.close();

        // the publish is retried while the session keeps answering UNAVAILABLE, and the link stays unusable
        await().atMost(Duration.ofSeconds(10)).until(() -> second.requests(PublishRequest.class).size() >= 3);
        assertThat(client.isConnected()).isFalse();
        assertThatThrownBy(() -> client.publish("late", "x"))
                .isInstanceOf(RosterNotConnectedException.class)
                .hasMessageContaining("still replaying registrations on " + second.address())
                // Both items are refused side by side: the last failure is whichever answer came last.
                .hasMessageMatching("(?s).*last failure: .*answered (UNAVAILABLE|SLOT_NOT_READY) to the replayed.*");

        second.stopFailing(PublishRequest.class, SERVICE_ID);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.requests(SubscribeRequest.class).size() >= 2);
        assertThat(client.isConnected()).isFalse();

        second.stopFailing(SubscribeRequest.class, canonical("other"));
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(client.connectedSession()).isEqualTo(second.address());
        assertThat(second.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(second.subscribers()).containsOnlyKeys(sub.registerId());
    }

    @Test
    void anItemTheSessionKeepsRefusingDoesNotHoldBackTheReplayOfTheOthers() {
        // A replayed publish whose slot leader is failing over must not delay the client's other registrations:
        // if its old session is expired meanwhile, data drops what it held, and every item still queued behind the
        // slow one is missing from its subscribers' lists (a chaos run with a data node killed while a session was
        // paused found this).
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Map<String, String> serviceByRegisterId = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            serviceByRegisterId.put(client.publish("svc" + i, "10.0.0.1:" + (12200 + i)).registerId(), "svc" + i);
        }
        // The slow item is the one the client's table hands out first: the same keys in the same kind of map,
        // inserted in the same order, iterate in the same order.
        Map<String, String> sameOrder = new ConcurrentHashMap<>();
        serviceByRegisterId.forEach(sameOrder::put);
        String slow = sameOrder.keySet().iterator().next();
        second.failWith(PublishRequest.class, canonical(serviceByRegisterId.get(slow)), ErrorCode.UNAVAILABLE);

        first.close();

        Set<String> others = new HashSet<>(serviceByRegisterId.keySet());
        others.remove(slow);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.publishers().keySet().containsAll(others));
        assertThat(client.isConnected()).as("still replaying the refused one").isFalse();

        second.stopFailing(PublishRequest.class, canonical(serviceByRegisterId.get(slow)));
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(second.publishers()).containsOnlyKeys(serviceByRegisterId.keySet());
    }

    @Test
    void anInternalErrorToTheReplayAbandonsTheConnectionAndReplaysOnANewOne() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        second.failWith(PublishRequest.class, SERVICE_ID, ErrorCode.INTERNAL_ERROR);

        first.close();

        // first is gone, so every new connection is to second, and each replays the publication
        await().atMost(Duration.ofSeconds(10)).until(() -> second.requests(PublishRequest.class).size() >= 2);
        assertThat(client.isConnected()).isFalse();

        second.stopFailing(PublishRequest.class, SERVICE_ID);
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(second.publishers()).containsOnlyKeys(pub.registerId());
    }

    @Test
    void aRejectedReplayDropsOnlyThatRegistration() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication banned = client.publish("banned", "a");
        Publication kept = client.publish(SERVICE, "b");
        second.reject(canonical("banned"));

        first.close();

        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(second.publishers()).containsOnlyKeys(kept.registerId());
        assertThat(second.requests(PublishRequest.class)).extracting(PublishRequest::registerId)
                .containsOnlyOnce(banned.registerId()); // not retried
    }
}
