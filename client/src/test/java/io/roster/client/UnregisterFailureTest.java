package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** An unpublish or unsubscribe the session refuses leaves the registration live, locally too. */
@Timeout(30)
class UnregisterFailureTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aFailedUnpublishKeepsThePublicationSoItIsReplayedAndCanBeUnpublishedAgain() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        first.failWith(UnpublishRequest.class, SERVICE_ID, ErrorCode.UNAVAILABLE);

        assertThatThrownBy(pub::unpublish)
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("unpublish of " + SERVICE_ID);
        assertThat(first.publishers()).containsOnlyKeys(pub.registerId());
        pub.republish("10.0.0.1:12201"); // still a live publication

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(second.publishers().get(pub.registerId()).version()).isEqualTo(2);

        pub.unpublish();
        assertThat(second.requests(UnpublishRequest.class)).hasSize(1);
        assertThat(second.publishers()).isEmpty();
        pub.unpublish(); // done now: idempotent
        assertThat(second.requests(UnpublishRequest.class)).hasSize(1);
    }

    @Test
    void aFailedUnsubscribeKeepsTheSubscriptionAndItsPushes() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        PushRecorder recorder = new PushRecorder();
        Subscription sub = client.subscribe(SERVICE, recorder);
        fake.failWith(UnsubscribeRequest.class, SERVICE_ID, ErrorCode.SLOT_NOT_OWNED);

        assertThatThrownBy(sub::unsubscribe)
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLOT_NOT_OWNED));
        fake.push(client.clientId(), SERVICE_ID, 1, List.of(sub.registerId()), List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.versions().equals(List.of(1L)));

        int refused = fake.requests(UnsubscribeRequest.class).size(); // sent again until the request timeout

        fake.stopFailing(UnsubscribeRequest.class, SERVICE_ID);
        sub.unsubscribe();
        assertThat(fake.requests(UnsubscribeRequest.class)).hasSize(refused + 1);
        assertThat(fake.subscribers()).isEmpty();
    }

    @Test
    void anUnpublishWhoseConnectionDiesMidCallIsDoneBecauseTheSessionDropsIt() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        Publication other = client.publish("other", "x");
        first.close(); // the client notices only when the connection dies, maybe during the unpublish

        pub.unpublish();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.publishers()).containsOnlyKeys(other.registerId());
    }
}
