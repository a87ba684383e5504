package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.SubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The SDK's credentials: from the builder, else ROSTER_APP / ROSTER_APP_TOKEN, sent in the hello (also without delta
 * push); a session's UNAUTHENTICATED or FORBIDDEN is final: the call fails at once, a replayed item is dropped.
 */
@Timeout(30)
class ClientCredentialsTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void credentialsComeFromTheBuilderElseTheEnvironment() {
        assertThat(RosterClient.builder().sessions("127.0.0.1:9603").appName("plain").environment(Map.of()).options()
                .credentials()).isNull();
        RosterClientBuilder builder = RosterClient.builder().sessions("127.0.0.1:9603");
        ClientOptions fromEnv = builder.environment(Map.of("ROSTER_APP", "orders", "ROSTER_APP_TOKEN", "t0k")).options();
        assertThat(fromEnv.credentials()).isEqualTo(new ClientCredentials("orders", "t0k"));
        assertThat(fromEnv.appName()).isEqualTo("orders");
        assertThat(fromEnv.credentials().toString()).doesNotContain("t0k");
        ClientOptions given = builder.appName("web-pod").credentials("web", "other").options();
        assertThat(given.credentials()).isEqualTo(new ClientCredentials("web", "other"));
        assertThat(given.appName()).isEqualTo("web-pod");
        assertThatThrownBy(() -> RosterClient.builder().sessions("127.0.0.1:9603").appName("x")
                .environment(Map.of("ROSTER_APP_TOKEN", "t0k")).options()).hasMessageContaining("ROSTER_APP is not");
        assertThatThrownBy(() -> builder.credentials("web", " ")).hasMessageContaining("token of app web is empty");
    }

    @Test
    void theHelloCarriesTheCredentialsEvenWithoutDeltaPush() {
        FakeSession session = fixture.track(FakeSession.startKnowingHello());
        fixture.client(fixture.builder(session.address()).deltaPush(false).credentials("orders", "secret-token"));
        await().until(() -> !session.requests(ClientHello.class).isEmpty());
        ClientHello hello = session.requests(ClientHello.class).get(0);
        assertThat(hello.app()).isEqualTo("orders");
        assertThat(hello.token()).isEqualTo("secret-token");
        assertThat(hello.capabilities()).isEmpty();
        assertThat(hello.toString()).doesNotContain("secret-token");
    }

    @Test
    void refusalsAreFinalForCallsAndReplaysAlike() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address())
                .connectTimeout(Duration.ofSeconds(1)));
        first.failWith(PublishRequest.class, canonical("denied"), ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> client.publish("denied", "a"))
                .isInstanceOfSatisfying(RosterRequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(first.requests(PublishRequest.class)).hasSize(1);

        Publication revoked = client.publish("revoked", "b");
        Subscription kept = client.subscribe(SERVICE, new PushRecorder());
        second.failWith(PublishRequest.class, canonical("revoked"), ErrorCode.UNAUTHENTICATED);
        first.close();

        // Dropped, not retried on a new connection forever: the client settles on the second session.
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(second.subscribers()).containsOnlyKeys(kept.registerId());
        assertThat(second.requests(PublishRequest.class)).extracting(PublishRequest::registerId)
                .containsOnlyOnce(revoked.registerId());
        assertThat(second.requests(SubscribeRequest.class)).hasSize(1);
    }
}
