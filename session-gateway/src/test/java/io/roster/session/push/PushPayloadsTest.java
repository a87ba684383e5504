package io.roster.session.push;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.PushEntry;
import io.roster.common.wire.PushMessage;
import io.roster.session.push.PushCommand.SendPush;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Delta computation: what a round sends to delta-capable and older clients, from the versions they hold. */
class PushPayloadsTest {
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private final MetricRegistry metricRegistry = new MetricRegistry();
    private final Set<String> subscribed = new java.util.HashSet<>(Set.of(ID));
    private final PushPayloads payloads = new PushPayloads(0, new PushMetrics(metricRegistry), subscribed::contains);

    private static Publisher pub(String registerId, long version, long stamp, String item) {
        return new Publisher(registerId, ID, "c", "app", "", List.of(item.getBytes(StandardCharsets.UTF_8)), version, stamp,
                SESSION);
    }

    private static ConnectionHandle deltaCapable(String name) {
        ConnectionHandle c = ConnectionHandle.alwaysOpen(name);
        c.capabilities(List.of(ClientHello.PUSH_DELTA));
        return c;
    }

    private static SubscriberRecord holding(String registerId, ConnectionHandle c, long version) {
        SubscriberRecord s = new SubscriberRecord(registerId, ID, "c", c);
        if (version >= 0) {
            s.markPushed(version);
        }
        return s;
    }

    private static SendPush push(Datum d, SubscriberRecord... subs) {
        return new SendPush(subs[0].connection(), d, List.of(subs), 0);
    }

    private static List<String> keys(PushMessage m) {
        return m.entries().stream().map(PushEntry::key).toList();
    }

    private long count(String name) {
        return metricRegistry.counter(name).getCount();
    }

    private static final Datum V1 = new Datum(ID, 1, List.of(pub("a", 1, 10, "a:1"), pub("b", 1, 11, "b:1"),
            pub("c", 1, 12, "c:1")));
    /** From V1: b replaced (new version), c removed, d added. */
    private static final Datum V2 = new Datum(ID, 2, List.of(pub("a", 1, 10, "a:1"), pub("b", 2, 11, "b:2"),
            pub("d", 1, 13, "d:1")));

    @Test
    void aSubscriberHoldingARememberedVersionGetsOnlyWhatWasAddedReplacedAndRemoved() {
        ConnectionHandle c = deltaCapable("c1");
        payloads.round(V1).messageFor(push(V1, holding("s", c, -1)));
        PushMessage m = payloads.round(V2).messageFor(push(V2, holding("s", c, 1)));

        assertThat(m.isDelta()).isTrue();
        assertThat(m.baseVersion()).isEqualTo(1);
        assertThat(m.version()).isEqualTo(2);
        assertThat(keys(m)).containsExactly("b", "d");
        assertThat(new String(m.entries().get(0).items().get(0), StandardCharsets.UTF_8)).isEqualTo("b:2");
        assertThat(m.entries().get(1).order()).isEqualTo(13);
        assertThat(m.removedKeys()).containsExactly("c");
        assertThat(m.subscriberIds()).containsExactly("s");
        assertThat(count("session.push.delta")).isEqualTo(1);
        assertThat(count("session.push.full")).isEqualTo(1);
    }

    @Test
    void aPublisherRePublishedWithTheSameVersionButAnotherPlaceOrDataIsReplaced() {
        ConnectionHandle c = deltaCapable("c1");
        payloads.round(V1);
        Datum moved = new Datum(ID, 2, List.of(pub("b", 1, 11, "b:1"), pub("c", 1, 12, "c:1"), pub("a", 1, 20, "a:1")));
        assertThat(keys(payloads.round(moved).messageFor(push(moved, holding("s", c, 1))))).containsExactly("a");
    }

    @Test
    void anUnknownOrNoBaseGetsTheFullListAsEntriesInTheDatumsOrder() {
        ConnectionHandle c = deltaCapable("c1");
        PushMessage fresh = payloads.round(V2).messageFor(push(V2, holding("s", c, -1)));
        assertThat(fresh.isKeyed()).isTrue();
        assertThat(fresh.isDelta()).isFalse();
        assertThat(keys(fresh)).containsExactly("a", "b", "d");

        PushMessage unknownBase = payloads.round(V2).messageFor(push(V2, holding("s", c, 1)));
        assertThat(unknownBase.isDelta()).as("version 1 was never pushed from here").isFalse();
        assertThat(keys(unknownBase)).containsExactly("a", "b", "d");

        Datum v5 = new Datum(ID, 5, V2.publishers());
        payloads.round(new Datum(ID, 3, V2.publishers()));
        payloads.round(new Datum(ID, 4, V2.publishers()));
        assertThat(payloads.round(v5).messageFor(push(v5, holding("s", c, 2))).isDelta())
                .as("version 2 fell out of the bounded history").isFalse();
        assertThat(payloads.round(v5).messageFor(push(v5, holding("s", c, 3))).isDelta()).isTrue();
        assertThat(count("session.push.delta")).isEqualTo(1);
    }

    @Test
    void subscribersOfOneConnectionHoldingDifferentVersionsGetTheFullList() {
        ConnectionHandle c = deltaCapable("c1");
        payloads.round(V1);
        PushMessage m = payloads.round(V2).messageFor(push(V2, holding("s1", c, 1), holding("s2", c, -1)));
        assertThat(m.isDelta()).isFalse();
        assertThat(m.isKeyed()).isTrue();
        assertThat(m.subscriberIds()).containsExactly("s1", "s2");
        assertThat(keys(m)).containsExactly("a", "b", "d");

        PushMessage same = payloads.round(V2).messageFor(push(V2, holding("s1", c, 1), holding("s2", c, 1)));
        assertThat(same.isDelta()).isTrue();
        assertThat(same.subscriberIds()).containsExactly("s1", "s2");
    }

    @Test
    void aClientWithoutTheCapabilityGetsThePlainListAsBefore() {
        payloads.round(V1);
        PushMessage m = payloads.round(V2).messageFor(push(V2, holding("s", ConnectionHandle.alwaysOpen("old"), 1)));
        assertThat(m.isKeyed()).isFalse();
        assertThat(m.entries()).isEmpty();
        assertThat(m.data()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("a:1", "b:2", "d:1");
        assertThat(count("session.push.full")).isEqualTo(1);
    }

    @Test
    void aRoundComputesEachDeltaOnceForAllItsConnections() {
        payloads.round(V1);
        PushPayloads.Round round = payloads.round(V2);
        List<PushMessage> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(round.messageFor(push(V2, holding("s" + i, deltaCapable("c" + i), 1))));
        }
        assertThat(sent).allSatisfy(m -> assertThat(m.isDelta()).isTrue());
        assertThat(sent.get(1).entries()).as("the same entries, not a second diff").isSameAs(sent.get(0).entries());
        assertThat(sent.get(2).entries()).isSameAs(sent.get(0).entries());
        assertThat(round.fullFor(push(V2, holding("s0", deltaCapable("c0"), 1))).isDelta()).isFalse();
    }

    @Test
    void largeKeyedPushesAreDeflatedAndTheHistoryOfUnsubscribedDatumsGoes() {
        PushPayloads deflating = new PushPayloads(1024, PushMetrics.discarded(), subscribed::contains);
        List<Publisher> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(pub("r" + i, 1, i, "10.0.0." + i + ":12200"));
        }
        Datum big = new Datum(ID, 1, many);
        PushMessage full = deflating.round(big).messageFor(push(big, holding("s", deltaCapable("c"), -1)));
        assertThat(full.isDeflated()).isTrue();
        assertThat(full.inflated(1 << 20).entries()).hasSize(200);
        assertThat(full.inflated(1 << 20).entries().get(199).key()).isEqualTo("r199");

        subscribed.clear();
        for (int i = 0; i < DatumHistory.SWEEP_EVERY; i++) {
            deflating.round(new Datum("other-" + i, 1, List.of()));
        }
        assertThat(deflating.rememberedDatums()).as("nothing here is subscribed any more").isLessThan(DatumHistory.SWEEP_EVERY);
    }
}
