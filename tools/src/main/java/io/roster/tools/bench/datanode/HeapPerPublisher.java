package io.roster.tools.bench.datanode;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import io.roster.common.slot.SlotFunction;
import io.roster.datastore.store.InMemorySlotStore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Heap a data node spends per publisher: the used heap after a full GC, before and after {@code n} publishers are
 * stored in a data node's in-memory copy ({@link InMemorySlotStore}; RocksDB's own memory is off the Java heap).
 * Each publisher goes through the wire encoding first, as it reaches a data node, so none shares strings with another.
 */
final class HeapPerPublisher {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9600", 1_700_000_000_000L, 4242);

    private HeapPerPublisher() {
    }

    record Result(long publishers, long bytes) {
        long perPublisher() {
            return bytes / publishers;
        }
    }

    static Result measure(int publishers, int dataIds, int dataBytes, int slots) {
        SlotFunction slotFunction = new SlotFunction(slots);
        InMemorySlotStore store = new InMemorySlotStore();
        long before = usedAfterGc();
        for (int i = 0; i < publishers; i++) {
            Publisher p = Protostuff.decode(Protostuff.encode(publisher(i, dataIds, dataBytes)), Publisher.class);
            store.put(slotFunction.slotOf(p.dataInfoId()), p, 1);
        }
        long after = usedAfterGc();
        if (store.publisherCount() != publishers) {
            throw new IllegalStateException("stored " + store.publisherCount() + " publishers, not " + publishers);
        }
        Reference.reachabilityFence(store);
        return new Result(publishers, after - before);
    }

    static String dataId(int i, int dataIds) {
        return "com.example.bench.Service" + (i % dataIds);
    }

    static Publisher publisher(int i, int dataIds, int dataBytes) {
        String dataInfoId = dataId(i, dataIds) + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        return new Publisher(UUID.randomUUID().toString(), dataInfoId, "bench-client-" + (i % 64) + "-" + UUID.randomUUID(),
                "bench-app", "zone-a", List.of(item(i, dataBytes)), 1, System.currentTimeMillis(), SESSION);
    }

    /** A data item of exactly {@code dataBytes} bytes that starts like an address. */
    static byte[] item(int i, int dataBytes) {
        byte[] item = new byte[dataBytes];
        Arrays.fill(item, (byte) 'x');
        byte[] address = ("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":12200?").getBytes();
        System.arraycopy(address, 0, item, 0, Math.min(address.length, dataBytes));
        return item;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: the figure settles once finalizable and soft garbage is gone.
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
