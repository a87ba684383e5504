package io.roster.client;

import com.alipay.remoting.AsyncContext;
import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import com.alipay.remoting.rpc.protocol.AsyncUserProcessor;
import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.testkit.bolt.FakeBoltPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** publishAsync: many publishes in flight on one connection, under the rules of the synchronous publish. */
@Timeout(30)
class PublishAsyncTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** A session that holds every publish unanswered until released, counting the connections they came over. */
    private static final class HoldingSession extends FakeBoltPeer {
        private final List<AsyncContext> held = new CopyOnWriteArrayList<>();
        private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

        HoldingSession() {
            super("holding-session", 1);
            register(new AsyncUserProcessor<PublishRequest>() {
                @Override
                public void handleRequest(BizContext context, AsyncContext answer, PublishRequest request) {
                    record(request);
                    connections.add(context.getConnection());
                    held.add(answer);
                }

                @Override
                public String interest() {
                    return PublishRequest.class.getName();
                }
            });
            listen();
        }

        void releaseAll() {
            for (AsyncContext answer : held) {
                if (held.remove(answer)) {
                    answer.sendResponse(new RegisterReply(ErrorCode.OK, ""));
                }
            }
        }

        @Override
        protected void beforeClose() {
            releaseAll();
        }
    }

    @Test
    void manyPublishesAreInFlightAtOnceOnOneConnectionFromOneThread() throws Exception {
        HoldingSession session = fixture.track(new HoldingSession());
        RosterClient client = fixture.client(fixture.builder(session.address()).requestTimeout(Duration.ofSeconds(10)));
        int n = 64;

        List<CompletableFuture<Publication>> publications = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            publications.add(client.publishAsync(SERVICE, "10.0.0." + i + ":12200"));
        }

        // every one reached the session before any was answered: none waits for another's answer
        await().atMost(Duration.ofSeconds(10)).until(() -> session.held.size() == n);
        assertThat(session.received()).hasSize(n);
        assertThat(session.connections).hasSize(1);
        assertThat(publications).noneMatch(CompletableFuture::isDone);

        session.releaseAll();
        CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(publications).extracting(f -> f.join().registerId()).doesNotHaveDuplicates().hasSize(n);
    }

    @Test
    void closingTheClientEndsEveryRegistrationStillInFlight() {
        HoldingSession session = fixture.track(new HoldingSession());
        RosterClient client = fixture.client(fixture.builder(session.address()).requestTimeout(Duration.ofSeconds(20)));
        CompletableFuture<Publication> inFlight = client.publishAsync(SERVICE, "10.0.0.1:12200");
        await().atMost(Duration.ofSeconds(10)).until(() -> session.held.size() == 1);

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(inFlight::isDone); // nobody waits for an answer that cannot come
        // Failed, not completed as sent: the closed client has no publication to hand out.
        assertThat(inFlight).isCompletedExceptionally();
    }

    @Test
    void aCallbackThatPublishesSynchronouslyDoesNotStopTheClient() throws Exception {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));

        // The callback's publish waits for its own answer; run on the thread that handles answers, it would wait for ever.
        CompletableFuture<Publication> chained = client.publishAsync(SERVICE, "10.0.0.1:12200")
                .thenApply(first -> client.publish(SERVICE, "10.0.0.2:12200"));

        Publication second = chained.get(10, TimeUnit.SECONDS);
        assertThat(fake.publishers()).containsKey(second.registerId()).hasSize(2);
        assertThat(client.publishAsync(SERVICE, "10.0.0.3:12200").get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aRetryableAnswerIsSentAgainWithoutHoldingTheCaller() throws Exception {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        fake.failNext(PublishRequest.class, SERVICE_ID, ErrorCode.SLOT_NOT_READY, 2);

        Publication pub = client.publishAsync(SERVICE, "10.0.0.1:12200").get(10, TimeUnit.SECONDS);

        assertThat(fake.publishers()).containsOnlyKeys(pub.registerId());
        assertThat(fake.requests(PublishRequest.class)).hasSize(3);
    }

    @Test
    void aFinalFailureFailsTheFutureAndIsUndoneSoNoReplayCarriesIt() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        first.reject(SERVICE_ID);

        CompletableFuture<Publication> rejected = client.publishAsync(SERVICE, "10.0.0.1:12200");
        assertThatThrownBy(() -> rejected.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InvalidRegistrationException.class);

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.requests(PublishRequest.class)).isEmpty();
    }

    @Test
    void aRetryableAnswerPastTheRequestTimeoutFailsTheFutureWithItsCode() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()).requestTimeout(Duration.ofMillis(400)));
        fake.failWith(PublishRequest.class, SERVICE_ID, ErrorCode.UNAVAILABLE);

        assertThatThrownBy(() -> client.publishAsync(SERVICE, "10.0.0.1:12200").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RosterRequestException.class);
        assertThat(fake.requests(PublishRequest.class)).hasSizeGreaterThan(1);
    }

    @Test
    void aPublishWhoseConnectionDiesIsKeptAndTheNextConnectionReplaysIt() throws Exception {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));
        fake.dropConnectionOnNextPublish(SERVICE_ID);

        Publication pub = client.publishAsync(SERVICE, "10.0.0.1:12200").get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.publishers().containsKey(pub.registerId()));
        assertThat(fake.requests(PublishRequest.class)).hasSize(2)
                .allSatisfy(q -> assertThat(q.registerId()).isEqualTo(pub.registerId()));
    }

    @Test
    void aFullSessionMovesTheClientOnAndTheNextSessionGetsThePublication() throws Exception {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        first.failWith(PublishRequest.class, SERVICE_ID, ErrorCode.SESSION_FULL);

        Publication pub = client.publishAsync(SERVICE, "10.0.0.1:12200").get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> second.publishers().containsKey(pub.registerId()));
        // the fake stores the publisher when its request arrives, before the client has read the answer and counts
        // itself connected there: wait for that too rather than race it
        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
    }

    @Test
    void badInputAndAClosedClientFailTheFutureInsteadOfThrowing() {
        FakeSession fake = fixture.session();
        RosterClient client = fixture.client(fixture.builder(fake.address()));

        assertThat(client.publishAsync("bad#@#id#@#x#@#y", "a")).isCompletedExceptionally();
        client.close();
        assertThatThrownBy(() -> client.publishAsync(SERVICE, "a").join()).hasCauseInstanceOf(IllegalStateException.class);
    }
}
