package io.roster.session.reconcile;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionSlotSync;
import io.roster.common.wire.WriteReply;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A data leader stand-in on a real bolt port: records the digests and slot syncs sessions send, and answers each
 * digest by naming the slots the test says differ, or with an error while the test wants it to fail.
 */
final class FakeDataNode implements AutoCloseable {
    private final RpcServer server = BoltServers.create("127.0.0.1", 0);
    private final ExecutorService executor = NamedThreads.pool("fake-data", 2);
    private final List<SessionDigest> digests = new CopyOnWriteArrayList<>();
    private final List<SessionSlotSync> syncs = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<Integer>> mismatched = new AtomicReference<>(List.of());
    private final AtomicInteger failuresLeft = new AtomicInteger();

    FakeDataNode() {
        server.registerUserProcessor(new RequestHandler<>(SessionDigest.class, executor) {
            @Override
            protected Object handle(BizContext context, SessionDigest digest) {
                digests.add(digest);
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return errorReply(ErrorCode.UNAVAILABLE, "fake data node is failing on purpose");
                }
                return new SessionDigestReply(ErrorCode.OK, "", mismatched.get());
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new SessionDigestReply(code, message, List.of());
            }
        });
        server.registerUserProcessor(new RequestHandler<>(SessionSlotSync.class, executor) {
            @Override
            protected Object handle(BizContext context, SessionSlotSync sync) {
                syncs.add(sync);
                return new WriteReply(ErrorCode.OK, "", 0);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return new WriteReply(code, message, 0);
            }
        });
        BoltServers.start(server, "data.port");
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    /** The slots named in every digest reply from now on. */
    void mismatch(Integer... slots) {
        mismatched.set(List.of(slots));
    }

    /** The next {@code n} digests are answered UNAVAILABLE. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    List<SessionDigest> digests() {
        return digests;
    }

    List<SessionSlotSync> syncs() {
        return syncs;
    }

    @Override
    public void close() {
        BoltServers.safeShutdown(server);
        NamedThreads.shutdown(executor);
    }
}
