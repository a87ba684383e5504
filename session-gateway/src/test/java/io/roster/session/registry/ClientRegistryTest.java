package io.roster.session.registry;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.ReplyException;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRegistryTest {
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private static Publisher pub(String registerId, String clientId, long version) {
        return new Publisher(registerId, "d#@#i#@#g", clientId, "app", "", List.of(new byte[]{1}), version, 1, SESSION);
    }

    private static Publisher pub(String registerId, String clientId, long version, long generation) {
        return new Publisher(registerId, "d#@#i#@#g", clientId, "app", "", List.of(new byte[]{1}), version, 1, SESSION,
                generation);
    }

    private static ConnectionHandle connection() {
        return ConnectionHandle.alwaysOpen("client");
    }

    @Test
    void interestBookkeepingQueuesWithdrawalsAndCountsRegistrationsPerClient() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c = connection();
        long before = r.subscriptionSeq();
        r.addSubscriber(new SubscriberRecord("s1", "x", "c", c));
        assertThat(r.subscriptionSeq()).as("raised after each subscriber added").isGreaterThan(before);
        r.putPublisher(pub("p1", "c", 1), c);
        assertThat(r.registrationsOf("c")).isEqualTo(2);

        r.removeSubscriber("s1", "c");
        assertThat(r.drainUnsubscribed()).containsExactly("x");
        assertThat(r.drainUnsubscribed()).isEmpty();
        assertThat(r.registrationsOf("c")).isEqualTo(1);

        // A read or version query that declared x (and y, which has a subscriber) after x's withdrawal went out:
        // x is queued again, y is not.
        r.addSubscriber(new SubscriberRecord("s2", "y", "c", c));
        r.declared(List.of("x", "y"));
        assertThat(r.drainUnsubscribed()).containsExactly("x");
    }

    @Test
    void olderVersionsNeverReplaceNewerOnes() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c = connection();
        Publisher v2 = pub("r", "c", 2);
        assertThat(r.putPublisher(v2, c)).isNull();
        Publisher v1 = pub("r", "c", 1);
        assertThat(r.putPublisher(v1, c)).isSameAs(v1);
        assertThat(r.holds(v2)).isTrue();
        assertThat(r.putPublisher(pub("r", "c", 3), c)).isSameAs(v2);
    }

    @Test
    void aLateWriteFromTheClientsOlderConnectionDoesNotTakeTheRegistrationBack() {
        // The client replayed P on its newer connection (generation 2) while a write of P at the same version on
        // its older connection (generation 1) was still queued here. Bound to the old connection again, P would go
        // with that connection's close, and its client-off would take the replayed copy off data too.
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle older = connection();
        ConnectionHandle newer = connection();
        Publisher replayed = pub("r", "c", 1, 2);
        Publisher late = pub("r", "c", 1, 1);
        r.putPublisher(replayed, newer);
        assertThat(r.putPublisher(late, older)).as("the late write is stale").isSameAs(late);
        assertThat(r.holds(replayed)).isTrue();
        assertThat(r.detach(older).publishers()).as("the older connection's close takes nothing").isEmpty();
        assertThat(r.holds(replayed)).isTrue();
    }

    @Test
    void undoingAFailedRepublishPutsThePreviousVersionBackButNeverClobbersANewerOne() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c = connection();
        Publisher v1 = pub("r", "c", 1);
        Publisher v2 = pub("r", "c", 2);
        r.putPublisher(v1, c);
        Publisher previous = r.putPublisher(v2, c);
        r.undoPublisher(v2, previous);
        assertThat(r.holds(v1)).isTrue();

        Publisher v3 = pub("r", "c", 3);
        Publisher replay = pub("r", "c", 3);
        r.putPublisher(v3, c);
        r.putPublisher(replay, c);
        r.undoPublisher(v3, v1);
        assertThat(r.holds(replay)).as("a concurrent replay survives the undo of another write").isTrue();
    }

    @Test
    void onlyTheOwningClientRemovesARegistration() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        r.putPublisher(pub("r", "c", 1), connection());
        assertThat(r.removePublisher("r", "other")).isNull();
        assertThat(r.removePublisher("r", "c")).isNotNull();
        assertThat(r.publisherCount()).isZero();
    }

    /** A registerId is one client's: another client reusing it is refused, whatever its version, and nothing changes. */
    @Test
    void aPublisherOfAnotherClientIsNotReplaced() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c1 = connection();
        ConnectionHandle c2 = connection();
        Publisher mine = pub("r", "one", 1);
        r.putPublisher(mine, c1);
        int slot = r.bySlot().slotFunction().slotOf(mine.dataInfoId());

        assertThatThrownBy(() -> r.putPublisher(pub("r", "two", 5), c2))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("registerId r ");

        assertThat(r.holds(mine)).isTrue();
        assertThat(r.registrationsOf("one")).isEqualTo(1);
        assertThat(r.registrationsOf("two")).isZero();
        assertThat(r.bySlot().in(slot)).containsExactly(mine);
        assertThat(r.detach(c1).publishers()).as("still held over the owner's connection").containsExactly(mine);
    }

    @Test
    void aSubscriberOfAnotherClientIsNotReplaced() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        SubscriberRecord mine = new SubscriberRecord("s", "d#@#i#@#g", "one", connection());

        r.addSubscriber(mine);
        assertThatThrownBy(() -> r.addSubscriber(new SubscriberRecord("s", "d#@#i#@#h", "two", connection())))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("registerId s ");

        assertThat(r.isSubscribed(mine)).isTrue();
        assertThat(r.subscribersOf("d#@#i#@#g")).containsExactly(mine);
        assertThat(r.hasSubscribers("d#@#i#@#h")).isFalse();
        assertThat(r.registrationsOf("two")).isZero();
        assertThat(r.drainUnsubscribed()).isEmpty();
    }

    @Test
    void detachingAConnectionDropsOnlyWhatWasRegisteredOverIt() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c1 = connection();
        ConnectionHandle c2 = connection();
        r.attach(c1, "one", 10);
        r.attach(c2, "two", 11);
        r.putPublisher(pub("p1", "one", 1), c1);
        r.putPublisher(pub("p2", "two", 1), c2);
        r.addSubscriber(new SubscriberRecord("s1", "d#@#i#@#g", "one", c1));
        r.addSubscriber(new SubscriberRecord("s2", "d#@#i#@#g", "two", c2));

        ClientRegistry.ClosedConnection closed = r.detach(c1);

        assertThat(closed.clientIds()).containsExactly("one");
        assertThat(closed.publishers()).extracting(Publisher::registerId).containsExactly("p1");
        assertThat(closed.registeredUpTo()).isEqualTo(10);
        assertThat(r.subscribersOf("d#@#i#@#g")).extracting(SubscriberRecord::registerId).containsExactly("s2");
        assertThat(r.publishers()).extracting(Publisher::registerId).containsExactly("p2");
        assertThat(r.detach(c1).clientIds()).isEmpty();
    }

    /** A client that timed out on c1 and replayed on c2 keeps its publisher when c1's close is handled late. */
    @Test
    void aLateCloseOfAnAbandonedConnectionKeepsWhatTheClientReplayedOnItsNewOne() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle old = connection();
        ConnectionHandle replacement = connection();
        r.attach(old, "c", 10);
        r.putPublisher(pub("p", "c", 1), old);
        r.attach(replacement, "c", 20);
        Publisher replayed = pub("p", "c", 1);
        r.putPublisher(replayed, replacement);

        ClientRegistry.ClosedConnection closed = r.detach(old);

        assertThat(closed.publishers()).isEmpty();
        assertThat(closed.registeredUpTo()).as("client-off spares what was registered after the old connection's last call")
                .isEqualTo(10);
        assertThat(r.holds(replayed)).isTrue();
    }

    @Test
    void aSubscriberIsSubscribedUntilRemovedOrReplaced() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c = connection();
        SubscriberRecord first = new SubscriberRecord("s", "d#@#i#@#g", "c", c);
        r.addSubscriber(first);
        assertThat(r.isSubscribed(first)).isTrue();
        SubscriberRecord replay = new SubscriberRecord("s", "d#@#i#@#g", "c", connection());
        r.addSubscriber(replay);
        assertThat(r.isSubscribed(first)).isFalse();
        assertThat(r.isSubscribed(replay)).isTrue();
        r.removeSubscriber("s", "c");
        assertThat(r.isSubscribed(replay)).isFalse();
    }

    @Test
    void aClosedConnectionCannotRegister() {
        ClientRegistry r = new ClientRegistry(new SlotFunction(16));
        ConnectionHandle c = new ConnectionHandle("closed", () -> false);
        assertThat(r.attach(c, "c", 1)).isFalse();
        assertThat(r.clientCount()).isZero();
    }
}
