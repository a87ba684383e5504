package io.roster.datastore;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.WriteReply;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests with several data nodes share: a fake meta that lists one fake session as live, the settings their
 * nodes start from, slot tables handed out at growing epochs, and publishers the session holds and writes. The test
 * starts and closes its own nodes (it may restart them); {@link #close} stops the session and meta.
 */
final class DataNodesFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    final SlotFunction slotFunction;
    final FakeMeta meta;
    final FakeSession session;
    private final int slots;
    private final Path dataDir;
    private long tableEpoch = 1;

    DataNodesFixture(Path dataDir, int slots) {
        this.dataDir = dataDir;
        this.slots = slots;
        this.slotFunction = new SlotFunction(slots);
        this.meta = new FakeMeta(slots);
        this.session = new FakeSession(slots);
        meta.sessions(session.node());
    }

    /** The settings every node here starts from (100 ms heartbeats, 1 s calls); the test sets its own on top. */
    RosterConfig.Builder config(int port) {
        return RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.DATA_PORT, Integer.toString(port))
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.CLUSTER_SLOTS, Integer.toString(slots));
    }

    /** Meta hands out a table of the next epoch with {@code slot.apply(i)} as slot i. */
    void table(IntFunction<Slot> slot) {
        List<Slot> table = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            table.add(slot.apply(i));
        }
        meta.fixedTable(new SlotTable(++tableEpoch, table));
    }

    /** Waits until every node is ready, then the session says hello to each of {@code helloTo}. */
    void awaitReadyAndHello(List<DataServer> nodes, String... helloTo) {
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(DataServer::isReady));
        for (String address : helloTo) {
            assertThat(session.call(address, new SessionHello(session.processId()), SimpleReply.class).ok()).isTrue();
        }
    }

    /** The {@code n}th (from 0) canonical dataInfoId whose slot is {@code slot}. */
    static String idInSlot(SlotFunction slotFunction, int slot, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String id = "com.example.Service" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
            if (slotFunction.slotOf(id) == slot && found++ == n) {
                return id;
            }
        }
    }

    String idInSlot(int slot, int n) {
        return idInSlot(slotFunction, slot, n);
    }

    /** A publisher of the session's, its data its registerId, stamped with the session's next tick. */
    Publisher pub(String registerId, String dataInfoId) {
        return new Publisher(registerId, dataInfoId, "c1", "app", "", List.of(registerId.getBytes(StandardCharsets.UTF_8)), 1,
                session.tick(), session.processId());
    }

    /** Publishes through {@code to} and records it as held by the session, as a real session would. */
    WriteReply publish(String to, Publisher p) {
        session.holds(p);
        return session.call(to, new PublishWrite(slotFunction.slotOf(p.dataInfoId()), p), WriteReply.class);
    }

    /** Closes each part that is there, in order. */
    static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable c : parts) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        closeAll(session, meta);
    }
}
