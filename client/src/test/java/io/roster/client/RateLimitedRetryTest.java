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

/**
 * RATE_LIMITED is pacing, not failure: the SDK sends the call again with backoff until the session takes it, past the
 * request timeout that ends other retryable answers, so a registration is never lost to a rate limit; each such
 * answer is counted in {@link RetryStats}.
 */
@Timeout(30)
class RateLimitedRetryTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aPublishRateLimitedForLongerThanTheRequestTimeoutIsStillTaken() {
        FakeSession fake = fixture.session();
        // Backoff 50, 100, 200, 400, 800, 1000 ms...: 7 answers take ~2.5 s, past the 300 ms request timeout.
        RosterClient client = fixture.client(fixture.builder(fake.address()).requestTimeout(Duration.ofMillis(300)));
        fake.failNext(PublishRequest.class, SERVICE_ID, ErrorCode.RATE_LIMITED, 7);

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");

        assertThat(fake.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(fake.requests(PublishRequest.class)).hasSize(8);
        assertThat(RetryStats.of(client).rateLimitedAnswers()).isEqualTo(7);
    }

    @Test
    void subscribesAndUnpublishesAreRetriedToo() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()).requestTimeout(Duration.ofMillis(100)));
        fake.failNext(SubscribeRequest.class, SERVICE_ID, ErrorCode.RATE_LIMITED, 4);
        Subscription sub = client.subscribe(SERVICE, (dataInfoId, data, version) -> {
        });
        assertThat(fake.subscribers()).containsOnlyKeys(sub.registerId());

        Publication pub = client.publish(SERVICE, "10.0.0.1:12200");
        fake.failNext(UnpublishRequest.class, SERVICE_ID, ErrorCode.RATE_LIMITED, 4);
        pub.unpublish();
        assertThat(fake.publishers()).isEmpty();
        assertThat(RetryStats.of(client).rateLimitedAnswers()).isEqualTo(8);
    }
}
