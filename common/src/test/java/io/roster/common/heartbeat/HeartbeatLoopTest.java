package io.roster.common.heartbeat;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.WireTypes;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.view.ClusterView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** The view a node keeps from meta's heartbeat replies; a real bolt meta stand-in that answers what the test queues. */
@Timeout(30)
class HeartbeatLoopTest {
    private static final NodeInfo SELF = session("127.0.0.1:9601", 1);
    private static final NodeInfo OTHER_SESSION = session("127.0.0.1:9602", 2);
    private static final NodeInfo DATA = new NodeInfo(NodeRole.DATA, "127.0.0.1:9621", new ProcessId("127.0.0.1:9621", 3, 3));
    private static final SlotTable TABLE = new SlotTable(2, List.of(new Slot(0, DATA.address(), List.of(), 2)));

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final RpcCaller caller = new RpcCaller();
    private final BlockingQueue<HeartbeatReply> replies = new LinkedBlockingQueue<>();
    private final List<ClusterView> changes = new CopyOnWriteArrayList<>();
    private RpcServer server;
    private HeartbeatLoop loop;

    private static NodeInfo session(String address, long pid) {
        return new NodeInfo(NodeRole.SESSION, address, new ProcessId(address, pid, pid));
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close();
        }
        BoltServers.safeShutdown(server);
        caller.close();
        executor.shutdownNow();
    }

    private String meta() {
        WireTypes.install();
        server = BoltServers.create("127.0.0.1", 0);
        server.registerUserProcessor(new RequestHandler<>(HeartbeatRequest.class, executor) {
            @Override
            protected Object handle(BizContext context, HeartbeatRequest request) {
                HeartbeatReply next = replies.poll();
                return next != null ? next : errorReply(ErrorCode.UNAVAILABLE, "the test queued no reply");
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new HeartbeatReply(code, message, "", null, List.of(), List.of());
            }
        });
        BoltServers.start(server, "test.port");
        return "127.0.0.1:" + server.port();
    }

    private HeartbeatLoop loop() {
        MetaClient client = new MetaClient(caller, List.of(meta()), 2_000);
        loop = new HeartbeatLoop("test", client, 60_000, epoch -> new HeartbeatRequest(SELF, epoch, 0, 0, 0), delta -> changes.add(delta.after()));
        return loop;
    }

    private static HeartbeatReply reply(long metaVersion, SlotTable table, List<NodeInfo> sessions) {
        return new HeartbeatReply(ErrorCode.OK, "", "", table, List.of(DATA), sessions, null, metaVersion);
    }

    @Test
    void aReplyFromAnOlderMetaStateChangesNothing() {
        HeartbeatLoop loop = loop();
        replies.add(reply(7, TABLE, List.of(SELF, OTHER_SESSION)));
        // a deposed leader, still answering from the image it had before OTHER_SESSION was admitted
        replies.add(reply(5, null, List.of(SELF)));

        assertThat(loop.beat()).isTrue();
        assertThat(loop.beat()).isTrue();

        assertThat(loop.view().sessionNodes()).containsExactlyInAnyOrder(SELF, OTHER_SESSION);
        assertThat(loop.view().metaVersion()).isEqualTo(7);
        assertThat(loop.view().slotTable()).isEqualTo(TABLE);
        // no view without OTHER_SESSION ever reached the node: nothing there may read it as expired
        assertThat(changes).hasSize(1).allSatisfy(v -> assertThat(v.sessionNodes()).contains(OTHER_SESSION));
    }

    @Test
    void aReplyFromTheSameOrANewerStateMovesTheViewForward() {
        HeartbeatLoop loop = loop();
        replies.add(reply(7, TABLE, List.of(SELF, OTHER_SESSION)));
        replies.add(reply(7, null, List.of(SELF, OTHER_SESSION)));
        replies.add(reply(9, null, List.of(SELF)));

        loop.beat();
        loop.beat();
        loop.beat();

        assertThat(loop.view().sessionNodes()).containsExactly(SELF);
        assertThat(loop.view().metaVersion()).isEqualTo(9);
        assertThat(loop.view().slotTable()).isEqualTo(TABLE);
        assertThat(changes).hasSize(2);
    }

    @Test
    void everyOkReplyReachesTheReplyHookEvenWhenTheViewIsUnchanged() {
        List<Long> revisionsVersions = new CopyOnWriteArrayList<>();
        loop = new HeartbeatLoop("test", new MetaClient(caller, List.of(meta()), 2_000), 60_000,
                epoch -> new HeartbeatRequest(SELF, epoch, 0, 0, 0), delta -> changes.add(delta.after()),
                r -> revisionsVersions.add(r.revisionsVersion()));
        replies.add(new HeartbeatReply(ErrorCode.OK, "", "", TABLE, List.of(DATA), List.of(SELF), null, 7, 3));
        replies.add(new HeartbeatReply(ErrorCode.OK, "", "", null, List.of(DATA), List.of(SELF), null, 7, 4));
        replies.add(new HeartbeatReply(ErrorCode.NOT_LEADER, "no leader", "", null, List.of(), List.of()));

        loop.beat();
        loop.beat();
        loop.beat();

        assertThat(changes).hasSize(1);
        assertThat(revisionsVersions).as("the refused reply is not handed on").containsExactly(3L, 4L);
    }
}
