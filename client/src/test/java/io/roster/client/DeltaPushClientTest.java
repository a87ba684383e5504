package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.client.testing.PushRecorder;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.PushAck;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.common.wire.SubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.roster.client.testing.ClientFixture.SERVICE;
import static io.roster.client.testing.ClientFixture.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SDK's side of delta push, against a fake session over bolt: the hello, deltas applied, refusals, listeners. */
@Timeout(30)
class DeltaPushClientTest {
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static PushEntry entry(String key, long order, String item) {
        return new PushEntry(key, order, List.of(item.getBytes(StandardCharsets.UTF_8)));
    }

    private static String registerIdOf(FakeSession session) {
        return session.subscribers().keySet().iterator().next();
    }

    @Test
    void aClientSaysHelloBeforeItsReplayAndOneBuiltWithoutDeltaPushSaysNothing() {
        FakeSession session = fixture.track(FakeSession.startKnowingHello());
        RosterClient client = fixture.client(fixture.builder(session.address()));
        client.subscribe(SERVICE, new PushRecorder());
        assertThat(session.received()).first().isInstanceOf(ClientHello.class);
        ClientHello hello = (ClientHello) session.received().get(0);
        assertThat(hello.clientId()).isEqualTo(client.clientId());
        assertThat(hello.capabilities()).containsExactly(ClientHello.PUSH_DELTA);

        FakeSession other = fixture.track(FakeSession.startKnowingHello());
        fixture.client(fixture.builder(other.address()).deltaPush(false)).subscribe(SERVICE, new PushRecorder());
        assertThat(other.requests(ClientHello.class)).isEmpty();
        assertThat(other.requests(SubscribeRequest.class)).hasSize(1);
    }

    @Test
    void aSessionThatDoesNotKnowTheHelloAnswersAnErrorAndTheClientCarriesOn() {
        FakeSession older = fixture.session(); // no ClientHello processor: bolt answers the hello with an error
        RosterClient client = fixture.client(fixture.builder(older.address()));
        PushRecorder recorder = new PushRecorder();
        client.subscribe(SERVICE, recorder);
        assertThat(client.isConnected()).isTrue();
        assertThat(older.push(client.clientId(), SERVICE_ID, 3, List.of(registerIdOf(older)),
                List.of("a:1".getBytes(StandardCharsets.UTF_8))).ok()).isTrue();
        await().until(() -> recorder.versions().contains(3L));
        assertThat(recorder.lastData()).containsExactly("a:1");
    }

    @Test
    void deltasReachListenersAsWholeListsAndABaseTheClientLacksIsRefusedUntilTheFullListCame() {
        FakeSession session = fixture.track(FakeSession.startKnowingHello());
        RosterClient client = fixture.client(fixture.builder(session.address()));
        PushRecorder whole = new PushRecorder();
        List<DataChange> changes = new CopyOnWriteArrayList<>();
        PushRecorder viaDelta = new PushRecorder();
        client.subscribe(SERVICE, whole);
        String first = registerIdOf(session);
        client.subscribe(SERVICE, (DeltaSubscriptionListener) (id, data, change, version) -> {
            viaDelta.onData(id, data, version);
            changes.add(change);
        });
        String second = session.subscribers().keySet().stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
        List<String> both = List.of(first, second);
        String cid = client.clientId();

        PushAck refused = session.push(cid, PushMessage.keyed(SERVICE_ID, 2, both, 1, List.of(entry("a", 1, "a:1")), List.of()));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.wantsFullList()).as("no list held yet").isTrue();

        assertThat(session.push(cid, PushMessage.keyed(SERVICE_ID, 2, both, 0,
                List.of(entry("a", 1, "a:1"), entry("b", 2, "b:1")), List.of())).ok()).isTrue();
        await().until(() -> whole.versions().contains(2L) && viaDelta.versions().contains(2L));
        assertThat(session.push(cid, PushMessage.keyed(SERVICE_ID, 3, both, 2,
                List.of(entry("c", 3, "c:1"), entry("a", 1, "a:2")), List.of("b"))).ok()).isTrue();
        await().until(() -> whole.versions().contains(3L) && viaDelta.versions().contains(3L));

        PushAck wrongBase = session.push(cid, PushMessage.keyed(SERVICE_ID, 5, both, 4, List.of(), List.of("a")));
        assertThat(wrongBase.wantsFullList()).as("the client holds version 3, not 4").isTrue();
        assertThat(session.push(cid, PushMessage.keyed(SERVICE_ID, 5, both, 0, List.of(entry("c", 3, "c:1")),
                List.of())).ok()).isTrue();
        await().until(() -> whole.versions().contains(5L) && viaDelta.versions().contains(5L));

        assertThat(whole.deliveries()).extracting(PushRecorder.Delivery::data)
                .containsExactly(List.of("a:1", "b:1"), List.of("a:2", "c:1"), List.of("c:1"));
        assertThat(viaDelta.deliveries()).isEqualTo(whole.deliveries());
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0).addedOrReplaced().keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(changes.get(1).addedOrReplaced().keySet()).containsExactlyInAnyOrder("a", "c");
        assertThat(changes.get(1).removed()).containsExactly("b");
        assertThat(changes.get(2).known()).isTrue();
        assertThat(changes.get(2).addedOrReplaced()).as("c came again unchanged in the full list").isEmpty();
        assertThat(changes.get(2).removed()).containsExactly("a");

        assertThat(session.push(cid, SERVICE_ID, 6, both, List.of("p".getBytes(StandardCharsets.UTF_8))).ok()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> viaDelta.versions().contains(6L));
        assertThat(changes.get(3).known()).as("a plain list carries no identities").isFalse();
        assertThat(session.push(cid, PushMessage.keyed(SERVICE_ID, 7, both, 6, List.of(), List.of())).wantsFullList())
                .as("a plain list leaves no copy to apply deltas to").isTrue();
    }
}
