package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.SubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.roster.client.ApplicationPublishTest.ECHO;
import static io.roster.client.ApplicationPublishTest.PAY;
import static io.roster.client.ApplicationPublishTest.revision;
import static io.roster.client.testing.ClientFixture.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * subscribeInterface against a fake session that pushes the providers datum, the application datums and the
 * interface's own publishers, and answers revision queries: the list a listener gets, the shared application
 * subscriptions, and revisions fetched late.
 */
@Timeout(30)
class InterfaceSubscriptionTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO_ID = canonical(ECHO);
    private static final String PAY_ID = canonical(PAY);
    private final ClientFixture fixture = new ClientFixture();
    private FakeSession session;
    private RosterClient client;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** Every list a listener got, in order. */
    static final class Lists implements InterfaceListener {
        record Call(String interfaceId, List<InterfaceInstance> instances, long version) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onInstances(String interfaceId, List<InterfaceInstance> instances, long version) {
            calls.add(new Call(interfaceId, instances, version));
        }

        Call last() {
            return calls.isEmpty() ? null : calls.get(calls.size() - 1);
        }

        List<InterfaceInstance> awaitVersion(long version) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last() != null && last().version() >= version);
            assertThat(last().version()).isEqualTo(version);
            return last().instances();
        }
    }

    private void start() {
        session = fixture.session();
        client = fixture.client(fixture.builder(session.address()));
    }

    private String subscriberOf(String dataInfoId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribersOf(dataInfoId).size() == 1);
        return subscribersOf(dataInfoId).get(0).registerId();
    }

    private List<SubscribeRequest> subscribersOf(String dataInfoId) {
        return session.subscribers().values().stream().filter(s -> s.dataInfoId().equals(dataInfoId)).toList();
    }

    private void push(String dataInfoId, long version, String... items) {
        List<byte[]> data = Arrays.stream(items).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(session.push(client.clientId(), dataInfoId, version, List.of(subscriberOf(dataInfoId)), data).ok()).isTrue();
    }

    private static String instance(Revision revision, String address, Map<String, String> params) {
        return new String(new AppInstance(revision.digest(), address, params).encode(), StandardCharsets.UTF_8);
    }

    private static String providers(String interfaceId) {
        return AppIds.providersDataInfoId(interfaceId, LIMITS);
    }

    private static String app(String name) {
        return AppIds.appDataInfoId(name, LIMITS);
    }

    @Test
    void theListJoinsApplicationInstancesWithTheInterfacesOwnPublishersAndFollowsEachPush() {
        start();
        Revision shop = revision("shop", "3000");
        session.knowRevision(shop);
        Lists lists = new Lists();
        Subscription sub = client.subscribeInterface(ECHO, lists);
        assertThat(sub.dataInfoId()).isEqualTo(ECHO_ID);
        assertThat(subscribersOf(ECHO_ID)).singleElement().satisfies(s -> assertThat(s.interfaceOnly()).isTrue());
        assertThat(subscribersOf(providers(ECHO_ID))).singleElement().satisfies(s -> assertThat(s.interfaceOnly()).isFalse());

        push(providers(ECHO_ID), 7, "shop");
        push(app("shop"), 3, instance(shop, "10.0.0.1:12200", Map.of("weight", "50")),
                instance(shop, "10.0.0.2:12200", Map.of()));
        push(ECHO_ID, 4, "10.0.0.2:12200?v=0", "10.0.0.9:80?timeout=1000&zone=z%201");

        List<InterfaceInstance> first = lists.awaitVersion(1);
        assertThat(first).containsExactly(
                new InterfaceInstance("10.0.0.1:12200", Map.of("timeout", "3000", "v", "1", "weight", "50"),
                        "10.0.0.1:12200?timeout=3000&v=1&weight=50", "shop"),
                new InterfaceInstance("10.0.0.2:12200", Map.of("timeout", "3000", "v", "1"),
                        "10.0.0.2:12200?timeout=3000&v=1", "shop"),
                new InterfaceInstance("10.0.0.9:80", Map.of("timeout", "1000", "zone", "z 1"),
                        "10.0.0.9:80?timeout=1000&zone=z%201", null));
        assertThat(lists.calls).hasSize(1);

        push(app("shop"), 5, instance(shop, "10.0.0.2:12200", Map.of()));
        assertThat(lists.awaitVersion(2)).extracting(InterfaceInstance::address)
                .containsExactly("10.0.0.2:12200", "10.0.0.9:80");
        push(ECHO_ID, 6, "10.0.0.2:12200?v=0");
        assertThat(lists.awaitVersion(3)).extracting(InterfaceInstance::item)
                .containsExactly("10.0.0.2:12200?timeout=3000&v=1");
        push(providers(ECHO_ID), 8);
        assertThat(lists.awaitVersion(4)).as("the app left the providers: its dual-published address is back")
                .extracting(InterfaceInstance::item).containsExactly("10.0.0.2:12200?v=0");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribersOf(app("shop")).isEmpty());

        sub.unsubscribe();
        assertThat(session.subscribers()).isEmpty();
        assertThat(RoutingStats.of(client)).isEqualTo(new RoutingStats(0, 0, 0, 0, 0));
    }

    @Test
    void twoInterfacesOfOneApplicationShareOneApplicationSubscription() {
        start();
        Revision shop = revision("shop", "3000");
        session.knowRevision(shop);
        Lists echo = new Lists();
        Lists pay = new Lists();
        Subscription echoSub = client.subscribeInterface(ECHO, echo);
        Subscription paySub = client.subscribeInterface(PAY, pay);
        push(providers(ECHO_ID), 1, "shop");
        push(providers(PAY_ID), 1, "shop");
        push(ECHO_ID, 1);
        push(PAY_ID, 1);
        String shared = subscriberOf(app("shop"));
        push(app("shop"), 2, instance(shop, "10.0.0.1:12200", Map.of()), instance(shop, "10.0.0.2:12200", Map.of()));

        assertThat(echo.awaitVersion(1)).extracting(InterfaceInstance::params)
                .containsOnly(Map.of("timeout", "3000", "v", "1"));
        assertThat(pay.awaitVersion(1)).extracting(InterfaceInstance::params).containsOnly(Map.of("timeout", "500"));
        assertThat(RoutingStats.of(client)).as("each instance held once")
                .isEqualTo(new RoutingStats(2, 1, 2, 0, 1));
        assertThat(RoutingStats.of(client).entriesHeld()).isEqualTo(2);

        echoSub.unsubscribe();
        assertThat(subscribersOf(app("shop"))).extracting(SubscribeRequest::registerId).containsExactly(shared);
        push(app("shop"), 3, instance(shop, "10.0.0.3:12200", Map.of()));
        assertThat(pay.awaitVersion(2)).extracting(InterfaceInstance::address).containsExactly("10.0.0.3:12200");
        assertThat(echo.calls).hasSize(1);

        paySub.unsubscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.subscribers().isEmpty());
        assertThat(RoutingStats.of(client).appSubscriptions()).isZero();
    }

    /** A shared application subscription whose unsubscribe the session refused is unsubscribed again later. */
    @Test
    void aFailedUnsubscribeOfASharedApplicationSubscriptionIsTriedAgainUntilItSucceeds() {
        start();
        Revision shop = revision("shop", "3000");
        session.knowRevision(shop);
        Lists echo = new Lists();
        Subscription echoSub = client.subscribeInterface(ECHO, echo);
        push(providers(ECHO_ID), 1, "shop");
        push(ECHO_ID, 1);
        subscriberOf(app("shop"));
        push(app("shop"), 2, instance(shop, "10.0.0.1:12200", Map.of()));
        echo.awaitVersion(1);
        session.failWith(io.roster.common.wire.UnsubscribeRequest.class, app("shop"), io.roster.common.wire.ErrorCode.INVALID_REQUEST);

        echoSub.unsubscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> unsubscribesOf(app("shop")) >= 1);
        assertThat(subscribersOf(app("shop"))).as("refused: still subscribed").hasSize(1);
        session.stopFailing(io.roster.common.wire.UnsubscribeRequest.class, app("shop"));

        await().atMost(Duration.ofSeconds(10)).until(() -> subscribersOf(app("shop")).isEmpty());
        assertThat(unsubscribesOf(app("shop"))).isGreaterThanOrEqualTo(2);
    }

    private long unsubscribesOf(String dataInfoId) {
        return session.requests(io.roster.common.wire.UnsubscribeRequest.class).stream()
                .filter(u -> u.dataInfoId().equals(dataInfoId)).count();
    }

    @Test
    void anInstanceWhoseRevisionTheSessionLearnsLaterAppearsOnceItIsFetched() {
        start();
        Revision shop = revision("shop", "3000");
        Lists lists = new Lists();
        client.subscribeInterface(ECHO, lists);
        push(providers(ECHO_ID), 1, "shop");
        push(ECHO_ID, 1, "10.0.0.9:80");
        push(app("shop"), 1, instance(shop, "10.0.0.1:12200", Map.of()));

        assertThat(lists.awaitVersion(1)).as("left out while its revision is unknown")
                .extracting(InterfaceInstance::address).containsExactly("10.0.0.9:80");
        await().atMost(Duration.ofSeconds(10)).until(() -> session.requests(RevisionQuery.class).size() >= 2);

        session.knowRevision(shop);

        assertThat(lists.awaitVersion(2)).extracting(InterfaceInstance::address)
                .containsExactly("10.0.0.1:12200", "10.0.0.9:80");
        assertThat(session.requests(RevisionQuery.class)).allSatisfy(q -> assertThat(q.digests()).containsExactly(shop.digest()));
        int asked = session.requests(RevisionQuery.class).size();
        push(app("shop"), 2, instance(shop, "10.0.0.1:12200", Map.of()), instance(shop, "10.0.0.5:12200", Map.of()));
        assertThat(lists.awaitVersion(3)).hasSize(3);
        assertThat(session.requests(RevisionQuery.class)).as("cached").hasSize(asked);
    }

    @Test
    void aNewSessionGetsTheInterfaceSubscriptionReplayedWithItsSharedApplicationSubscription() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        session = first;
        client = fixture.client(fixture.builder(first.address(), second.address()));
        Revision shop = revision("shop", "3000");
        first.knowRevision(shop);
        Lists lists = new Lists();
        client.subscribeInterface(ECHO, lists);
        push(providers(ECHO_ID), 5, "shop");
        push(ECHO_ID, 5);
        push(app("shop"), 5, instance(shop, "10.0.0.1:12200", Map.of()));
        assertThat(lists.awaitVersion(1)).hasSize(1);
        Map<String, SubscribeRequest> before = first.subscribers();

        first.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        session = second;
        assertThat(second.subscribers()).as("the same three, the interface's own one still interface-only")
                .containsOnlyKeys(before.keySet());
        second.subscribers().forEach((id, s) -> assertThat(s.interfaceOnly()).isEqualTo(before.get(id).interfaceOnly()));
        assertThat(subscribersOf(ECHO_ID)).singleElement().satisfies(s -> assertThat(s.interfaceOnly()).isTrue());
        push(app("shop"), 6, instance(shop, "10.0.0.1:12200", Map.of()), instance(shop, "10.0.0.2:12200", Map.of()));
        assertThat(lists.awaitVersion(2)).extracting(InterfaceInstance::address)
                .containsExactly("10.0.0.1:12200", "10.0.0.2:12200");
        assertThat(second.requests(RevisionQuery.class)).as("the revision is cached").isEmpty();
    }
}
