package io.roster.session.reconcile;

import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotDigest;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.common.wire.SlotPublishersQuery;
import io.roster.common.wire.SlotPublishersReply;
import io.roster.session.registry.ConnectionHandle;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.RegistrationClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.ExecutorService;

import static io.roster.session.reconcile.TestPublishers.dataInfoIdIn;
import static io.roster.session.reconcile.TestPublishers.publisher;
import static org.assertj.core.api.Assertions.assertThat;

/** The two queries a new slot leader sends, answered over a real bolt connection. */
@Timeout(30)
class ReconcileHandlersTest {
    private static final int TIMEOUT_MS = 3000;
    private static final SlotFunction SLOTS = new SlotFunction(8);

    private final ClientRegistry registry = new ClientRegistry(SLOTS);
    private final RegistrationClock clock = new RegistrationClock();
    private final ExecutorService executor = NamedThreads.pool("test-reconcile", 2);
    private final ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");
    private ProcessId session;
    private RpcServer server;
    private RpcCaller caller;
    private String address;

    @BeforeEach
    void start() {
        server = BoltServers.create("127.0.0.1", 0);
        BoltServers.start(server, "session.port");
        address = "127.0.0.1:" + server.port();
        session = ProcessId.current(address);
        server.registerUserProcessor(new SlotDigestQueryHandler(registry, SLOTS, session, executor));
        server.registerUserProcessor(new SlotPublishersQueryHandler(registry, clock, SLOTS, session, executor));
        caller = new RpcCaller();
    }

    @AfterEach
    void stop() {
        if (caller != null) {
            caller.close();
        }
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(executor);
    }

    /** Registers as a client's publish does: stamped by the session's clock, then stored. */
    private Publisher register(String registerId, int slot, int nth, long version) {
        return clock.register(stamp -> {
            Publisher p = publisher(registerId, dataInfoIdIn(SLOTS, slot, nth), version, stamp, session);
            registry.putPublisher(p, connection);
            return p;
        });
    }

    @Test
    void digestQueryAnswersOneDigestPerSlotAskedOnceEachEmptyOnesIncluded() {
        Publisher a = register("a", 2, 0, 1);
        Publisher b = register("b", 2, 1, 3);
        register("c", 5, 0, 1);

        SlotDigestQueryReply reply = caller.call(address, new SlotDigestQuery(List.of(2, 6, 2)), SlotDigestQueryReply.class,
                TIMEOUT_MS);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.sessionProcessId()).isEqualTo(session);
        assertThat(reply.slots()).extracting(SlotDigest::slotId).containsExactly(2, 6);
        PublisherDigest expected = new PublisherDigest();
        expected.add(b);
        expected.add(a);
        assertThat(expected.matches(reply.slots().get(0))).isTrue();
        assertThat(reply.slots().get(1).count()).isZero();
        assertThat(reply.slots().get(1).hash()).isZero();
    }

    @Test
    void publishersQueryListsThePublishersOfTheSlotsAskedStampedAfterEachOfThem() {
        Publisher a = register("a", 1, 0, 1);
        Publisher b = register("b", 3, 0, 2);
        register("c", 4, 0, 1);
        Publisher replaced = register("b", 3, 0, 5); // a re-publish replaces the registration, and stamps it later

        SlotPublishersReply reply = caller.call(address, new SlotPublishersQuery(List.of(1, 3, 7)), SlotPublishersReply.class,
                TIMEOUT_MS);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.sessionProcessId()).isEqualTo(session);
        assertThat(reply.publishers()).containsExactlyInAnyOrder(a, replaced);
        assertThat(reply.publishers()).doesNotContain(b);
        assertThat(reply.publishers()).allSatisfy(p ->
                assertThat(reply.snapshotStamp()).isGreaterThanOrEqualTo(p.registerTimestamp()));
        Publisher later = register("d", 1, 1, 1);
        assertThat(later.registerTimestamp()).isGreaterThan(reply.snapshotStamp());
    }

    @Test
    void aSlotIdOutOfRangeAnswersInvalidRequestNamingIt() {
        register("a", 1, 0, 1);

        SlotDigestQueryReply digests = caller.call(address, new SlotDigestQuery(List.of(1, -1)), SlotDigestQueryReply.class,
                TIMEOUT_MS);
        SlotPublishersReply publishers = caller.call(address, new SlotPublishersQuery(List.of(8)), SlotPublishersReply.class,
                TIMEOUT_MS);

        assertThat(digests.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(digests.message()).contains("slot id -1");
        assertThat(digests.slots()).isEmpty();
        assertThat(publishers.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(publishers.message()).contains("slot id 8");
        assertThat(publishers.publishers()).isEmpty();
    }
}
