package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A retryable answer (a slot leader failing over, a slot still migrating, an overloaded session) costs a call
 * latency, not an error: the SDK sends the same request again, with backoff, until its request timeout.
 */
@Timeout(30)
class RetryableAnswerTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aPublishAnsweredUnavailableIsSentAgainAndSucceeds() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        fake.failNext(PublishRequest.class, SERVICE_ID, ErrorCode.UNAVAILABLE, 2);

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");

        assertThat(fake.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(fake.requests(PublishRequest.class)).hasSize(3)
                .allSatisfy(r -> assertThat(r.registerId()).isEqualTo(pub.registerId()));
    }

    @Test
    void subscribesAndUnpublishesAreSentAgainToo() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        fake.failNext(SubscribeRequest.class, SERVICE_ID, ErrorCode.SLOT_NOT_READY, 1);
        Subscription sub = client.subscribe(SERVICE, (dataInfoId, data, version) -> {
        });
        assertThat(fake.subscribers()).containsOnlyKeys(sub.registerId());

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        fake.failNext(UnpublishRequest.class, SERVICE_ID, ErrorCode.SLOT_NOT_OWNED, 1);
        pub.unpublish();
        assertThat(fake.publishers()).isEmpty();
        assertThat(fake.requests(UnpublishRequest.class)).hasSize(2);
    }

    @Test
    void aRetryableAnswerThatLastsPastTheRequestTimeoutFailsTheCallAndLeavesNothing() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        first.failWith(PublishRequest.class, SERVICE_ID, ErrorCode.UNAVAILABLE);

        assertThatThrownBy(() -> client.publish(SERVICE, "10.0.0.1:12200"))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(first.requests(PublishRequest.class)).as("sent again until the request timeout").hasSizeGreaterThan(1);

        first.close(); // the failed publication is not in the table: the next session's replay does not carry it
        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.requests(PublishRequest.class)).isEmpty();
    }
}
