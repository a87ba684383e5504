package io.roster.session.routing;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishWrite;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link LeaderBatches} against real bolt peers: the deadlines of queued writes, batch timeouts, slow connects. */
@Timeout(60)
class LeaderBatchesTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    /** The normal attempt timeout of these tests' session (a third of a 3 s rpc.timeout-ms). */
    private static final int ATTEMPT_MS = 1_000;

    private final RpcCaller caller = new RpcCaller();
    private final ScheduledExecutorService writeThreads = NamedThreads.scheduler("test-session-write");
    private final HoldingDataNode node = new HoldingDataNode();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final LeaderBatches batches = new LeaderBatches(caller.client(), writeThreads, new LongAdder(), ATTEMPT_MS);

    @AfterEach
    void stop() throws Exception {
        batches.close();
        for (AutoCloseable c : closing) {
            c.close();
        }
        node.close();
        caller.close();
        NamedThreads.shutdown(writeThreads);
    }

    private static PublishWrite write(String registerId) {
        return new PublishWrite(0, new Publisher(registerId, "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "c", "app", "",
                List.of(new byte[]{1}), 1, 1, SESSION));
    }

    /** A write queued behind a call its node does not answer is answered by its own deadline, and never sent. */
    @Test
    void aQueuedWritePastItsDeadlineIsAnsweredUnavailableWithoutBeingSent() {
        node.hold(1);
        CompletableFuture<WriteReply> first = batches.publish(node.address(), write("first"), 20_000);
        await().until(() -> node.writes().size() == 1);
        CompletableFuture<WriteReply> queued = batches.publish(node.address(), write("queued"), 200);

        WriteReply reply = await().atMost(Duration.ofSeconds(3)).until(() -> queued.getNow(null), r -> r != null);
        assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(reply.message()).contains("queue", node.address());

        node.release();
        assertThat(first.join().code()).isEqualTo(ErrorCode.OK);
        assertThat(node.writes()).extracting(w -> w.publisher().registerId()).containsExactly("first");
    }

    /** Above 10,000 writes queued for one node, the next is refused at once, naming the node. */
    @Test
    void aFullQueueRefusesTheNextWrite() {
        node.hold(1);
        List<CompletableFuture<WriteReply>> taken = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) { // one in flight, 10,000 queued
            taken.add(batches.publish(node.address(), write("r" + i), 20_000));
        }
        CompletableFuture<WriteReply> over = batches.publish(node.address(), write("over"), 20_000);

        assertThat(over).isDone();
        assertThat(over.join().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(over.join().message()).contains("queue to data node " + node.address() + " is full");
        await().until(() -> node.writes().size() == 1);
        node.release();
        assertThat(taken).allSatisfy(f -> assertThat(f.join().code()).isEqualTo(ErrorCode.OK));
    }

    /** One call timing out fails its own writes only: the writes queued behind it go out next and are answered. */
    @Test
    void aCallTimingOutDoesNotFailTheWritesQueuedBehindIt() {
        node.hold(1);
        CompletableFuture<WriteReply> first = batches.publish(node.address(), write("first"), 300);
        await().until(() -> node.writes().size() == 1);
        CompletableFuture<WriteReply> queued = batches.publish(node.address(), write("queued"), 20_000);

        assertThat(first.handle((r, e) -> r == null ? ErrorCode.UNAVAILABLE : r.code()).join())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(queued.join().code()).as("answered by the node, not failed with the call before it").isEqualTo(ErrorCode.OK);
        assertThat(node.writes()).extracting(w -> w.publisher().registerId()).containsExactly("first", "queued");
    }

    /**
     * A node whose connect hangs (a listening socket with a full backlog: SYNs are dropped) does not hold the write
     * threads: a healthy node's write, started on the same thread just after, is answered while that connect is
     * still pending.
     */
    @Test
    void aHangingConnectDoesNotDelayAnotherNodesWrites() throws Exception {
        String blackHole = blackHole();
        AtomicReference<CompletableFuture<WriteReply>> dead = new AtomicReference<>();
        AtomicReference<CompletableFuture<WriteReply>> healthy = new AtomicReference<>();
        writeThreads.execute(() -> dead.set(batches.publish(blackHole, write("dead"), 3_000)));
        writeThreads.execute(() -> healthy.set(batches.publish(node.address(), write("healthy"), 20_000)));

        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.get() != null && healthy.get().isDone());
        assertThat(healthy.get().join().code()).isEqualTo(ErrorCode.OK);
        assertThat(dead.get()).as("the dead node's connect is still pending").isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> dead.get().isDone());
    }

    /** An address whose connects hang: a socket listening with a backlog of 1 that is already full. */
    private String blackHole() throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closing.add(server);
        for (int i = 0; i < 2; i++) {
            Socket filler = new Socket();
            filler.connect(server.getLocalSocketAddress(), 1_000);
            closing.add(filler);
        }
        return "127.0.0.1:" + server.getLocalPort();
    }
}
