package io.roster.datastore.replication;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.ReplicaPush;
import io.roster.common.wire.SimpleReply;
import io.roster.datastore.slot.SlotAssignment;
import io.roster.datastore.store.DatumChange;
import io.roster.datastore.store.InMemorySlotStore;
import io.roster.datastore.store.SlotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A leader's replica pushes to a follower whose port caps frames: a large batch must go in pieces under the cap. */
@Timeout(60)
class ReplicaSenderFrameCapTest {
    private static final int CAP = 1_100_000;
    private static final long LEADER_EPOCH = 3;
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1000, 11);

    private final ExecutorService executor = NamedThreads.pool("test-follower", 2);
    private final CountDownLatch firstPushArrived = new CountDownLatch(1), releaseFirstPush = new CountDownLatch(1);
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private RpcServer follower;
    private RpcCaller caller;
    private ReplicaSender sender;

    @AfterEach
    void stop() {
        releaseFirstPush.countDown();
        if (sender != null) {
            sender.close();
        }
        if (caller != null) {
            caller.close();
        }
        BoltServers.safeShutdown(follower);
        NamedThreads.shutdown(executor);
    }

    private static String id(int n) {
        return "com.example.Service" + n + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    }

    /** A publisher of 8 data items of 1 KiB: 200 of them make a push of about 1.6 MB, over the follower's cap. */
    private static Publisher big(String dataInfoId) {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            data.add(new byte[1024]);
        }
        return new Publisher("r1", dataInfoId, "c1", "app", "zone-a", data, 1, 100, SESSION);
    }

    @Test
    void aBatchLargerThanTheFollowersFrameCapArrivesWhole() throws Exception {
        follower = BoltServers.create("127.0.0.1", 0, CAP);
        follower.registerUserProcessor(new RequestHandler<>(ReplicaPush.class, executor) {
            @Override
            protected Object handle(BizContext context, ReplicaPush push) {
                firstPushArrived.countDown();
                try {
                    releaseFirstPush.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                push.datums().forEach(d -> received.add(d.dataInfoId()));
                return new SimpleReply(ErrorCode.OK, "");
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new SimpleReply(code, message);
            }
        });
        BoltServers.start(follower, "test.port");
        String followerAddress = "127.0.0.1:" + follower.port();
        String self = "127.0.0.1:1";
        SlotAssignment assignment = new SlotAssignment(new SlotTable(2, List.of(new Slot(0, self, List.of(followerAddress),
                LEADER_EPOCH))), self, 1);
        SlotStore store = new InMemorySlotStore();
        caller = new RpcCaller();
        sender = new ReplicaSender(self, () -> assignment, store, caller, 5000, CAP / 2);

        // The first push is held at the follower, so the next 200 changes queue up and leave as one batch.
        store.put(0, big(id(0)), LEADER_EPOCH);
        sender.enqueue(List.of(new DatumChange(0, id(0), store.get(id(0)).version())));
        assertThat(firstPushArrived.await(10, TimeUnit.SECONDS)).isTrue();
        List<DatumChange> changes = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            changes.add(store.put(0, big(id(i)), LEADER_EPOCH).changes().get(0));
        }
        sender.enqueue(changes);
        releaseFirstPush.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 201);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.backlog() == 0);
    }
}
