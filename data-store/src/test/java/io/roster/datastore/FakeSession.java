package io.roster.datastore;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.slot.PublisherDigest;
import io.roster.common.slot.SlotFunction;
import io.roster.common.wire.DataChangeNotice;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SlotDigest;
import io.roster.common.wire.SlotDigestQuery;
import io.roster.common.wire.SlotDigestQueryReply;
import io.roster.common.wire.SlotPublishersQuery;
import io.roster.common.wire.SlotPublishersReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A session stand-in: calls data nodes, records the change notices it is sent, and answers a new slot leader's
 * digest and publisher queries from the publishers the test says it holds (its "registry"). Its address is a
 * real bolt server, so a data node can reach it.
 */
final class FakeSession extends FakeBoltPeer {
    private final ProcessId processId;
    private final RpcCaller caller;
    private final List<DataChangeNotice> notices = new CopyOnWriteArrayList<>();
    private final Map<String, Publisher> registry = new ConcurrentHashMap<>();
    private final SlotFunction slots;
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final AtomicReference<CountDownLatch> answerGate = new AtomicReference<>(new CountDownLatch(0));

    FakeSession(int slotCount) {
        super("fake-session", 2);
        slots = new SlotFunction(slotCount);
        handle(SlotDigestQuery.class, q -> {
            awaitGate();
            List<SlotDigest> out = new ArrayList<>();
            for (int slot : q.slotIds()) {
                PublisherDigest d = new PublisherDigest();
                registry.values().stream().filter(p -> slots.slotOf(p.dataInfoId()) == slot).forEach(d::add);
                out.add(d.toSlotDigest(slot));
            }
            return new SlotDigestQueryReply(ErrorCode.OK, "", processId(), out);
        }, (code, message) -> new SlotDigestQueryReply(code, message, processId(), List.of()));
        handle(SlotPublishersQuery.class, q -> {
            long stamp = tick();
            List<Publisher> out = registry.values().stream().filter(p -> q.slotIds().contains(slots.slotOf(p.dataInfoId()))).toList();
            return new SlotPublishersReply(ErrorCode.OK, "", processId(), stamp, out);
        }, (code, message) -> new SlotPublishersReply(code, message, processId(), 0, List.of()));
        listen();
        processId = new ProcessId(address(), System.currentTimeMillis(), ProcessHandle.current().pid());
        RpcClient client = new RpcClient();
        client.registerUserProcessor(new SyncUserProcessor<DataChangeNotice>() {
            @Override
            public Object handleRequest(BizContext context, DataChangeNotice notice) {
                notices.add(notice);
                return null;
            }

            @Override
            public String interest() {
                return DataChangeNotice.class.getName();
            }
        });
        caller = new RpcCaller(client);
    }

    <R> R call(String address, Object request, Class<R> replyType) {
        return caller.call(address, request, replyType, 3000);
    }

    /** Declares interest in {@code dataInfoIds}' change notices, as a real session's version check does. */
    void watch(String address, String... dataInfoIds) {
        DatumVersionsReply reply = call(address, new DatumVersionsQuery(List.of(dataInfoIds), List.of(), processId, 1),
                DatumVersionsReply.class);
        if (!reply.ok()) {
            throw new IllegalStateException("interest in " + List.of(dataInfoIds) + " refused: " + reply);
        }
    }

    /** A registration-clock tick, as the real session stamps registrations. */
    long tick() {
        return clock.incrementAndGet();
    }

    /** Makes {@code p} part of what this session says it holds (it is not written anywhere). */
    void holds(Publisher p) {
        registry.put(p.registerId(), p);
    }

    void forget(String registerId) {
        registry.remove(registerId);
    }

    /** Until the returned latch is counted down, digest queries wait: a session too slow to answer. */
    CountDownLatch stallAnswers() {
        CountDownLatch gate = new CountDownLatch(1);
        answerGate.set(gate);
        return gate;
    }

    private void awaitGate() {
        try {
            answerGate.get().await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean noticed(String dataInfoId, long version) {
        return notices.stream().anyMatch(n -> n.dataInfoId().equals(dataInfoId) && n.version() == version);
    }

    /** Every digest query a data node sent this session, in order. */
    List<SlotDigestQuery> digestQueries() {
        return received(SlotDigestQuery.class);
    }

    List<DataChangeNotice> notices() {
        return notices;
    }

    ProcessId processId() {
        return processId;
    }

    NodeInfo node() {
        return new NodeInfo(NodeRole.SESSION, processId.address(), processId);
    }

    @Override
    protected void beforeClose() {
        answerGate.get().countDown();
        caller.close();
    }
}
