package io.roster.session.query;

import io.roster.common.model.InvalidInputException;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ConnectionItem;
import io.roster.common.wire.RegistrationItem;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.common.wire.ServiceItem;
import io.roster.session.push.PushTargets;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query API's selection over a registry: filters, counts, sort order and truncation, without sockets. */
class RegistrySelectionTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1, 1);
    private static final String SVC = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String SVC_G2 = "svc#@#DEFAULT_INSTANCE_ID#@#G2";
    private static final String OTHER = "svc.other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final ConnectionHandle ordersConn = new ConnectionHandle("a", () -> true, "10.0.0.5:53012", 1_000);
    private final ConnectionHandle webConn = new ConnectionHandle("b", () -> true, "[::1]:4000", 2_000);

    private void publish(String registerId, String dataInfoId, String clientId, String app, ConnectionHandle c) {
        registry.putPublisher(new Publisher(registerId, dataInfoId, clientId, app, "",
                List.of((registerId + "-addr").getBytes(StandardCharsets.UTF_8)), 7, 1, SESSION), c);
    }

    @BeforeEach
    void registrations() {
        publish("p2", SVC, "orders-1", "orders", ordersConn);
        publish("p1", SVC, "orders-1", "orders", ordersConn);
        publish("p3", SVC_G2, "orders-1", "orders", ordersConn);
        publish("p4", OTHER, "web-1", "web", webConn);
        registry.addSubscriber(new SubscriberRecord("s1", SVC, "web-1", webConn, "web"));
        registry.addSubscriber(new SubscriberRecord("s2", PushTargets.of(SVC, true), "web-1", webConn, "web"));
        registry.subscribers().get(0).markPushed(42);
    }

    private RegistryQueryReply ask(RegistryQuery q) {
        return new RegistrySelection(registry.publisherEntries(), registry.subscribers(), e -> e.publisher().registerId().equals("p1"))
                .answer(q, "127.0.0.1:9601");
    }

    private static RegistryQuery query(String kind, String dataId, String group, String prefix, String ip, String app, int limit) {
        return new RegistryQuery(kind, dataId, prefix, ip, app, limit, group);
    }

    @Test
    void servicesCountPublishersAndSubscribersPerDataInfoIdFilteredByPrefix() {
        RegistryQueryReply all = ask(query("services", "", "", "", "", "", 100));
        assertThat(all.services()).containsExactly(new ServiceItem(SVC, 2, 2), new ServiceItem(SVC_G2, 1, 0),
                new ServiceItem(OTHER, 1, 0));
        assertThat(all.truncated()).isFalse();
        assertThat(all.session()).isEqualTo("127.0.0.1:9601");

        assertThat(ask(query("services", "", "", "svc.o", "", "", 100)).services()).containsExactly(new ServiceItem(OTHER, 1, 0));
        RegistryQueryReply two = ask(query("services", "", "", "", "", "", 2));
        assertThat(two.services()).extracting(ServiceItem::dataInfoId).containsExactly(SVC, SVC_G2);
        assertThat(two.truncated()).as("a third service matched").isTrue();
        assertThat(two.matched()).isEqualTo(3);
    }

    @Test
    void publishersOfADataIdCarryWhereTheyCameFromSortedByRegisterId() {
        RegistryQueryReply reply = ask(query("publishers", "svc", "", "", "", "", 100));
        assertThat(reply.registrations()).extracting(RegistrationItem::registerId).containsExactly("p1", "p2", "p3");
        RegistrationItem p1 = reply.registrations().get(0);
        assertThat(p1.isPublisher()).isTrue();
        assertThat(p1.clientAddress()).isEqualTo("10.0.0.5:53012");
        assertThat(p1.app()).isEqualTo("orders");
        assertThat(p1.clientId()).isEqualTo("orders-1");
        assertThat(p1.connectedAtMillis()).isEqualTo(1_000);
        assertThat(p1.version()).isEqualTo(7);
        assertThat(p1.dataItems()).containsExactly("p1-addr");
        assertThat(p1.off()).as("the off predicate is asked").isTrue();
        assertThat(reply.registrations().get(1).off()).isFalse();

        assertThat(ask(query("publishers", "svc", "G2", "", "", "", 100)).registrations())
                .extracting(RegistrationItem::registerId).containsExactly("p3");
        RegistryQueryReply one = ask(query("publishers", "svc", "", "", "", "", 1));
        assertThat(one.registrations()).extracting(RegistrationItem::registerId).containsExactly("p1");
        assertThat(one.truncated()).isTrue();
        assertThat(one.matched()).isEqualTo(3);
        assertThat(ask(query("publishers", "sv", "", "", "", "", 100)).registrations()).as("the dataId is exact").isEmpty();
    }

    @Test
    void subscribersShowTheDataInfoIdTheySubscribedToAndThePushedVersion() {
        RegistryQueryReply reply = ask(query("subscribers", "svc", "", "", "", "", 100));
        assertThat(reply.registrations()).extracting(RegistrationItem::registerId).containsExactly("s1", "s2");
        assertThat(reply.registrations()).extracting(RegistrationItem::dataInfoId).containsOnly(SVC);
        assertThat(reply.registrations()).extracting(RegistrationItem::clientAddress).containsOnly("[::1]:4000");
        assertThat(reply.registrations()).extracting(RegistrationItem::app).containsOnly("web");
        assertThat(reply.registrations()).extracting(RegistrationItem::pushedVersion).containsExactlyInAnyOrder(42L, -1L);
    }

    @Test
    void registrationsByIpOrAppMixBothKinds() {
        assertThat(ask(query("registrations", "", "", "", "::1", "", 100)).registrations())
                .extracting(RegistrationItem::kind, RegistrationItem::registerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subscriber", "s1"),
                        org.assertj.core.groups.Tuple.tuple("subscriber", "s2"),
                        org.assertj.core.groups.Tuple.tuple("publisher", "p4"));
        assertThat(ask(query("registrations", "", "", "", "", "orders", 100)).registrations())
                .extracting(RegistrationItem::registerId).containsExactly("p1", "p2", "p3");
        assertThat(ask(query("registrations", "", "", "", "10.0.0.5", "web", 100)).registrations()).isEmpty();
    }

    @Test
    void connectionsGatherTheirRegistrations() {
        RegistryQueryReply reply = ask(query("connections", "", "", "", "", "", 100));
        assertThat(reply.connections()).containsExactly(
                new ConnectionItem("orders-1", "10.0.0.5:53012", "orders", 1_000, 3, 0),
                new ConnectionItem("web-1", "[::1]:4000", "web", 2_000, 1, 2));
        assertThat(ask(query("connections", "", "", "", "10.0.0.5", "", 1)).connections()).hasSize(1);
        RegistryQueryReply first = ask(query("connections", "", "", "", "", "", 1));
        assertThat(first.truncated()).isTrue();
    }

    @Test
    void badQueriesNameWhatIsWrong() {
        assertThatThrownBy(() -> ask(query("publishers", "", "", "", "", "", 100))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dataId");
        assertThatThrownBy(() -> ask(query("services", "", "", "", "", "", 0))).hasMessageContaining("limit 0");
        assertThatThrownBy(() -> ask(query("services", "", "", "", "", "", 10_001))).hasMessageContaining("limit 10001");
        assertThatThrownBy(() -> ask(query("registrations", "", "", "", "", "", 10))).hasMessageContaining("ip or app");
        assertThatThrownBy(() -> ask(query("everything", "", "", "", "", "", 10))).hasMessageContaining("unknown query kind");
    }

    @Test
    void aConnectionHandleKnowsItsClientsIp() {
        assertThat(ordersConn.clientIp()).isEqualTo("10.0.0.5");
        assertThat(webConn.clientIp()).isEqualTo("::1");
        assertThat(ConnectionHandle.alwaysOpen("x").clientIp()).isEmpty();
    }
}
