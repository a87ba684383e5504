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

/**
 * A connection's close is handled once ({@link ClientRegistry#detach}); nothing may be registered over it after
 * that, or it stays forever: no later close event would take it away. Each test runs the registration's steps
 * around the detach in the order a handler thread and bolt's close event can interleave them.
 */
class ClientRegistryClosedConnectionTest {
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);
    private static final String ID = "d#@#i#@#g";

    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16));
    private final ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");

    private static Publisher pub(String registerId, String clientId, long version) {
        return new Publisher(registerId, ID, clientId, "app", "", List.of(new byte[]{1}), version, 1, SESSION);
    }

    /** Unpublish forwarded, the connection closes and its close is handled, the forward fails, the handler restores. */
    @Test
    void aPublisherIsNotRestoredOntoAConnectionWhoseCloseWasHandled() {
        registry.attach(connection, "c", 1);
        registry.putPublisher(pub("p", "c", 1), connection);
        Publisher removed = registry.removePublisher("p", "c");

        ClientRegistry.ClosedConnection closed = registry.detach(connection);
        assertThat(closed.publishers()).as("the unpublish took it out before the close was handled").isEmpty();
        assertThat(registry.restorePublisher(removed, connection, false)).as("refused: the caller takes it off data").isFalse();

        assertThat(registry.hasPublisher("p")).as("no close event would ever remove it: a ghost").isFalse();
        assertThat(registry.registrationsOf("c")).isZero();
    }

    /** Publish: attach, then the close is handled, then the publisher is stored. */
    @Test
    void aPublisherIsNotStoredOverAConnectionDetachedAfterItsAttach() {
        assertThat(registry.attach(connection, "c", 1)).isTrue();
        registry.detach(connection);

        assertThatThrownBy(() -> registry.putPublisher(pub("p", "c", 1), connection))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("closing");
        assertThat(registry.hasPublisher("p")).isFalse();
        assertThat(registry.connectionCount()).isZero();
    }

    /** Subscribe has the same window between attach and add. */
    @Test
    void aSubscriberIsNotAddedOverAConnectionDetachedAfterItsAttach() {
        assertThat(registry.attach(connection, "c", 1)).isTrue();
        registry.detach(connection);

        assertThatThrownBy(() -> registry.addSubscriber(new SubscriberRecord("s", ID, "c", connection)))
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(registry.hasSubscriber("s")).isFalse();
        assertThat(registry.hasSubscribers(ID)).isFalse();
        assertThat(registry.registrationsOf("c")).isZero();
    }

    /**
     * A registration whose attach comes after the close was handled (bolt may still call the channel fine for a
     * moment): no record is created, since nothing would remove it, and it would count against session.max-clients.
     */
    @Test
    void attachingAConnectionWhoseCloseWasHandledLeavesNoRecord() {
        registry.detach(connection);

        assertThat(registry.attach(connection, "c", 2)).isFalse();
        assertThat(registry.isAttached(connection)).isFalse();
        assertThat(registry.connectionCount()).isZero();
        assertThat(registry.clientCount()).isZero();
    }

    /** Registrations that were stored before the close was handled go with it, as before. */
    @Test
    void whatWasStoredBeforeTheCloseGoesWithIt() {
        registry.attach(connection, "c", 1);
        registry.putPublisher(pub("p", "c", 1), connection);
        registry.addSubscriber(new SubscriberRecord("s", ID, "c", connection));

        ClientRegistry.ClosedConnection closed = registry.detach(connection);

        assertThat(closed.publishers()).extracting(Publisher::registerId).containsExactly("p");
        assertThat(registry.hasSubscriber("s")).isFalse();
        assertThat(registry.registrationsOf("c")).isZero();
        assertThat(registry.connectionCount()).isZero();
    }
}
