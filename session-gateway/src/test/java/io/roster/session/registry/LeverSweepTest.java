package io.roster.session.registry;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's side of the incident levers: off publishers kept but left out of digests, client-on, blacklists. */
class LeverSweepTest {
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);
    private static final String ID = "d#@#i#@#g";
    private static final SlotFunction SLOTS = new SlotFunction(16);

    private final ClientRegistry registry = new ClientRegistry(SLOTS);
    private final ConnectionHandle offHost = ConnectionHandle.alwaysOpen("10.0.0.5", 4000);
    private final ConnectionHandle otherHost = ConnectionHandle.alwaysOpen("10.0.0.6", 4000);

    private Publisher publish(String registerId, String clientId, ConnectionHandle c, long stamp) {
        Publisher p = new Publisher(registerId, ID, clientId, "app", "", List.of(new byte[]{1}), 1, stamp, SESSION);
        registry.attach(c, clientId, stamp);
        registry.putPublisher(p, c);
        return p;
    }

    private SlotDigest digest() {
        return registry.bySlot().digest(SLOTS.slotOf(ID));
    }

    @Test
    void offPublishersAreKeptButLeftOutOfDigestsAndComeBackRestampedOnClientOn() {
        Publisher kept = publish("p1", "c1", otherHost, 10);
        SlotDigest onlyKept = digest();
        Publisher off = publish("p2", "c2", offHost, 11);

        LeverSweep.Result swept = LeverSweep.apply(registry, c -> c == offHost, (c, id) -> false, 20);

        assertThat(swept.turnedOff()).containsExactly(off);
        assertThat(registry.hasPublisher("p2")).as("kept here").isTrue();
        assertThat(registry.off().isOff("p2")).isTrue();
        assertThat(registry.registrationsOf("c2")).as("still counts against the client's cap").isEqualTo(1);
        assertThat(digest()).as("the digest data compares with: as if p2 were not here").usingRecursiveComparison().isEqualTo(onlyKept);
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).containsExactly(kept);
        assertThat(LeverSweep.apply(registry, c -> c == offHost, (c, id) -> false, 21).isEmpty()).as("idempotent").isTrue();

        LeverSweep.Result on = LeverSweep.apply(registry, c -> false, (c, id) -> false, 30);

        assertThat(on.turnedOn()).singleElement().satisfies(p -> {
            assertThat(p.registerId()).isEqualTo("p2");
            assertThat(p.registerTimestamp()).isEqualTo(30);
            assertThat(p.version()).isEqualTo(off.version());
        });
        assertThat(registry.off().isOff("p2")).isFalse();
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).extracting(Publisher::registerId).containsExactlyInAnyOrder("p1", "p2");
        // the connection's close now takes the restamped publisher off data too
        assertThat(registry.detach(offHost).registeredUpTo()).isEqualTo(30);
    }

    @Test
    void aPublishOverAnOffConnectionIsHeldAndAReplacementLeavesTheIndexRight() {
        registry.attach(offHost, "c", 1);
        Publisher v1 = new Publisher("p", ID, "c", "app", "", List.of(new byte[]{1}), 1, 1, SESSION);
        registry.putPublisher(v1, offHost, true, null);
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).isEmpty();

        // the client moved to a connection that is not off: its republish is on again
        registry.attach(otherHost, "c", 2);
        Publisher v2 = new Publisher("p", ID, "c", "app", "", List.of(new byte[]{2}), 2, 2, SESSION);
        assertThat(registry.putPublisher(v2, otherHost, false, null)).isEqualTo(v1);
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).containsExactly(v2);
        assertThat(registry.removePublisher("p", "c")).isEqualTo(v2);
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).isEmpty();
    }

    @Test
    void blacklistedPublishersAndSubscribersAreDropped() {
        publish("p1", "c1", offHost, 10);
        Publisher other = publish("p2", "c2", otherHost, 11);
        registry.addSubscriber(new SubscriberRecord("s1", ID, "c1", offHost));
        registry.addSubscriber(new SubscriberRecord("s2", "x#@#i#@#g", "c2", otherHost));

        LeverSweep.Result swept = LeverSweep.apply(registry, c -> false, (c, id) -> c == offHost, 20);

        assertThat(swept.removed()).extracting(Publisher::registerId).containsExactly("p1");
        assertThat(swept.dropped()).extracting(SubscriberRecord::registerId).containsExactly("s1");
        assertThat(registry.hasPublisher("p1")).isFalse();
        assertThat(registry.hasSubscriber("s1")).isFalse();
        assertThat(registry.hasSubscriber("s2")).isTrue();
        assertThat(registry.bySlot().in(SLOTS.slotOf(ID))).containsExactly(other);
    }
}
