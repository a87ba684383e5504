package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.SlotFunction;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotDigest;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.common.wire.SlotPublishersQuery;
import io.roster.common.wire.SlotPublishersReply;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.SlotStore;
import io.roster.testkit.bolt.FakeBoltPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One session's reconciliation of migrating slots, over a real bolt connection to a session stand-in: what overlaps
 * with what. Each overlap is shown by a hook that waits (a bounded time) for the other side; done one after the other,
 * the hook's wait runs out and the test sees it.
 */
@Timeout(60)
class SessionReconcilerTest {
    private static final int SLOTS = 64;
    private static final long EPOCH = 3;
    private static final long HOOK_WAIT_MS = 5_000;

    private final SlotFunction slotFunction = new SlotFunction(SLOTS);
    private final InMemorySlotStore copy = new InMemorySlotStore();
    private final ExecutorService fetches = NamedThreads.pool("test-fetch", 4);
    private final ExecutorService work = NamedThreads.pool("test-work", 2);
    private final RpcCaller caller = new RpcCaller();
    private final Session session = new Session();
    /** Runs in syncSession before the write (on the thread writing). */
    private volatile Runnable beforeSync = () -> { };
    /** Runs in datums(slot), the read of this copy for its own digests. */
    private volatile Runnable beforeRead = () -> { };

    @AfterEach
    void stop() {
        session.close();
        caller.close();
        NamedThreads.shutdown(fetches);
        NamedThreads.shutdown(work);
    }

    private SessionReconciler reconciler() {
        SlotStore hooked = (SlotStore) Proxy.newProxyInstance(SlotStore.class.getClassLoader(), new Class<?>[]{SlotStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("syncSession")) {
                        beforeSync.run();
                    } else if (method.getName().equals("datums")) {
                        beforeRead.run();
                    }
                    try {
                        return method.invoke(copy, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SessionReconciler("127.0.0.1:1", () -> hooked, slotFunction, caller, 10_000, fetches, work, 2, changes -> { });
    }

    private static Map<Integer, Long> migrating(int slots) {
        Map<Integer, Long> out = new TreeMap<>();
        IntStream.range(0, slots).forEach(slot -> out.put(slot, EPOCH));
        return out;
    }

    @Test
    void theSlotsOfABatchAreWrittenInParallel() {
        session.holdsOnePerSlot(2);
        CyclicBarrier both = new CyclicBarrier(2);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicInteger syncs = new AtomicInteger();
        beforeSync = () -> {
            if (syncs.incrementAndGet() <= 2 && await(both)) {
                overlapped.set(true); // both slots' writes were in progress at once
            }
        };

        ProcessId answered = reconciler().reconcile(session.address(), migrating(2));

        assertThat(answered).isEqualTo(session.processId());
        assertThat(overlapped).as("the two slots' writes overlapped").isTrue();
        assertThat(copy.publisherCount()).isEqualTo(2);
    }

    @Test
    void thisCopysDigestsAreComputedWhileTheSessionAnswers() {
        session.holdsOnePerSlot(4);
        CountDownLatch read = new CountDownLatch(1);
        beforeRead = read::countDown;
        AtomicBoolean overlapped = new AtomicBoolean();
        session.beforeDigests = () -> overlapped.set(awaitLatch(read)); // answers only once the leader read its copy

        reconciler().reconcile(session.address(), migrating(4));

        assertThat(overlapped).as("the leader read its own copy while its digest query was unanswered").isTrue();
        assertThat(copy.publisherCount()).isEqualTo(4);
    }

    @Test
    void laterBatchesAreAskedForWhileTheFirstIsWritten() {
        session.holdsOnePerSlot(SLOTS); // batches of 8, 16, 32, 8 slots
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicBoolean askedAhead = new AtomicBoolean();
        beforeSync = () -> {
            if (first.getAndSet(false)) {
                askedAhead.set(waitFor(() -> session.received(SlotPublishersQuery.class).size() >= 3));
            }
        };

        reconciler().reconcile(session.address(), migrating(SLOTS));

        assertThat(askedAhead).as("two more batches asked for while the first was written").isTrue();
        assertThat(session.received(SlotPublishersQuery.class)).extracting(q -> q.slotIds().size()).containsExactlyInAnyOrder(8, 16, 32, 8); // sent in parallel
        assertThat(copy.publisherCount()).isEqualTo(SLOTS);
    }

    @Test
    void batchesStartSmallSoThatWritingStartsEarly() {
        List<Integer> slots = IntStream.range(0, 100).boxed().toList();

        assertThat(SessionReconciler.batches(slots)).extracting(List::size).containsExactly(8, 16, 32, 32, 12);
        assertThat(SessionReconciler.batches(slots).stream().flatMap(List::stream).toList()).isEqualTo(slots);
        assertThat(SessionReconciler.batches(List.of())).isEmpty();
    }

    private static boolean await(CyclicBarrier barrier) {
        try {
            barrier.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception timedOut) {
            return false;
        }
    }

    private static boolean awaitLatch(CountDownLatch latch) {
        try {
            return latch.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOOK_WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** A session holding publishers the leader's copy lacks: every digest differs, every slot is fetched. */
    private final class Session extends FakeBoltPeer {
        private ProcessId processId;
        final List<Publisher> held = new ArrayList<>();
        volatile Runnable beforeDigests = () -> { };

        Session() {
            super("test-session", 4);
            handle(SlotDigestQuery.class, q -> {
                beforeDigests.run();
                List<SlotDigest> out = q.slotIds().stream().map(slot -> new SlotDigest(slot, 1, 1)).toList();
                return new SlotDigestQueryReply(ErrorCode.OK, "", processId(), out);
            }, (code, message) -> new SlotDigestQueryReply(code, message, processId(), List.of()));
            handle(SlotPublishersQuery.class, q -> new SlotPublishersReply(ErrorCode.OK, "", processId(), 1,
                            held.stream().filter(p -> q.slotIds().contains(slotFunction.slotOf(p.dataInfoId()))).toList()),
                    (code, message) -> new SlotPublishersReply(code, message, processId(), 0, List.of()));
            listen();
            processId = new ProcessId(address(), 1000, 1);
        }

        ProcessId processId() {
            return processId;
        }

        /** One publisher in each of slots 0..n-1. */
        void holdsOnePerSlot(int n) {
            for (int slot = 0; slot < n; slot++) {
                String id = idInSlot(slot);
                held.add(new Publisher("r" + slot, id, "client-1", "app", "", List.of(new byte[]{1}), 1, 1, processId(), 0));
            }
        }

        private String idInSlot(int slot) {
            for (int i = 0; ; i++) {
                String id = "svc" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
                if (slotFunction.slotOf(id) == slot) {
                    return id;
                }
            }
        }
    }
}
