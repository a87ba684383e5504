package io.roster.session.routing;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.view.ClusterView;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.WriteReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link AsyncDataWrites}: a write's future completes, whatever fails on the way, and by the write's deadline. */
@Timeout(60)
class AsyncDataWritesTest {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    private static final String ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    private final RpcCaller caller = new RpcCaller();
    private final HoldingDataNode node = new HoldingDataNode();
    private AsyncDataWrites writes;

    @AfterEach
    void stop() {
        if (writes != null) {
            writes.close();
        }
        node.close();
        caller.close();
    }

    private AsyncDataWrites writes(Supplier<ClusterView> view, int timeoutMs) {
        writes = new AsyncDataWrites(new DataRouter(caller, view, SESSION, timeoutMs, () -> 0), caller.client(), new LongAdder());
        return writes;
    }

    private ClusterView ledByNode() {
        List<Slot> slots = IntStream.range(0, 4).mapToObj(i -> new Slot(i, node.address(), List.of(), 1)).toList();
        return new ClusterView(new SlotTable(1, slots), List.of(), List.of(), ClusterView.EMPTY.switches(), 0);
    }

    private static Publisher publisher() {
        return new Publisher("p", ID, "c", "app", "", List.of(new byte[]{1}), 1, 1, SESSION);
    }

    /** The router throws in a retry that runs on a timer: the write is answered INTERNAL_ERROR, not left pending. */
    @Test
    void aRetryThatThrowsAnswersTheWriteInternalError() {
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<WriteReply> done = writes(() -> {
            if (reads.incrementAndGet() == 1) {
                return ClusterView.EMPTY; // no slot table yet: retried later, on a timer
            }
            throw new IllegalStateException("view broken on purpose");
        }, 30_000).publish(publisher());

        WriteReply reply = await().atMost(Duration.ofSeconds(5)).until(() -> done.getNow(null), r -> r != null);
        assertThat(reply.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(reply.message()).contains("view broken on purpose");
    }

    /**
     * Writes queued behind a call their node does not answer complete by their deadline (rpc.timeout-ms), each
     * answered UNAVAILABLE (a guard: the retries of the code before this change got there too).
     */
    @Test
    void aWriteQueuedBehindASilentCallCompletesByItsDeadline() {
        ClusterView view = ledByNode();
        AsyncDataWrites w = writes(() -> view, 900);
        node.hold(100);
        long start = System.nanoTime();
        CompletableFuture<WriteReply> first = w.publish(publisher());
        CompletableFuture<WriteReply> second = w.publish(new Publisher("q", ID, "c", "app", "", List.of(new byte[]{1}), 1, 1, SESSION));

        await().atMost(Duration.ofSeconds(5)).until(() -> first.isDone() && second.isDone());
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until both were answered").isLessThan(3_000);
        assertThat(List.of(first.join().code(), second.join().code())).containsOnly(ErrorCode.UNAVAILABLE);
    }
}
