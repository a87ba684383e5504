package io.roster.session.registry;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.SlotDigest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's slot index must equal a full pass over the registry after any mix of changes. */
class SlotIndexTest {
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);
    private static final SlotFunction SLOTS = new SlotFunction(8);

    private static Publisher pub(int n, long version) {
        return new Publisher("r" + n, "svc" + (n % 13) + "#@#i#@#g", "c" + (n % 3), "app", "", List.of(new byte[]{1}),
                version, n, SESSION);
    }

    private static void assertMatchesAFullPass(ClientRegistry r) {
        for (int slot = 0; slot < SLOTS.slotCount(); slot++) {
            PublisherDigest expected = new PublisherDigest();
            List<Publisher> inSlot = new ArrayList<>();
            for (Publisher p : r.publishers()) {
                if (SLOTS.slotOf(p.dataInfoId()) == slot) {
                    expected.add(p);
                    inSlot.add(p);
                }
            }
            SlotDigest digest = r.bySlot().digest(slot);
            assertThat(expected.matches(digest)).as("digest of slot %d: %s vs %d/%d", slot, digest, expected.count(), expected.hash()).isTrue();
            assertThat(r.bySlot().in(slot)).usingElementComparator(Comparator.comparing(Publisher::registerId)
                    .thenComparingLong(Publisher::version)).containsExactlyInAnyOrderElementsOf(inSlot);
        }
    }

    @Test
    void everyKindOfChangeKeepsTheIndexEqualToTheRegistry() {
        ClientRegistry r = new ClientRegistry(SLOTS);
        ConnectionHandle a = ConnectionHandle.alwaysOpen("a"), b = ConnectionHandle.alwaysOpen("b");
        Publisher p1 = pub(1, 1), p2 = pub(2, 1);
        r.putPublisher(p1, a);
        r.putPublisher(p2, a);
        r.putPublisher(pub(3, 1), b);
        Publisher p1v2 = pub(1, 2);
        Publisher prev = r.putPublisher(p1v2, a);          // republish
        r.putPublisher(pub(1, 1), a);                      // stale: ignored
        assertMatchesAFullPass(r);
        r.undoPublisher(p1v2, prev);                       // failed republish undone
        Publisher removed = r.removePublisher("r2", "c2");  // unpublish
        assertMatchesAFullPass(r);
        r.restorePublisher(removed, a, false);                    // failed unpublish restored
        r.restorePublisher(p1, a, false);                        // nothing to restore: r1 is there
        assertMatchesAFullPass(r);
        r.attach(a, "c1", 1);
        r.detach(a);                                       // connection closed
        assertMatchesAFullPass(r);
        assertThat(r.bySlot().digest(SLOTS.slotOf(pub(3, 1).dataInfoId())).count()).isPositive();
    }

    @Test
    void concurrentChangesLeaveTheIndexEqualToTheRegistry() throws Exception {
        ClientRegistry r = new ClientRegistry(SLOTS);
        ConnectionHandle c = ConnectionHandle.alwaysOpen("client");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            long seed = t;
            pool.execute(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 5000; i++) {
                    int n = random.nextInt(200);
                    if (random.nextInt(3) == 0) {
                        r.removePublisher("r" + n, "c" + (n % 3));
                    } else {
                        r.putPublisher(pub(n, random.nextInt(5)), c);
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertMatchesAFullPass(r);
    }
}
