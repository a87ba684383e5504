package io.roster.session.failover;

import com.alipay.remoting.rpc.RpcResponseFuture;
import com.codahale.metrics.MetricRegistry;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.PublishRequest;
import io.roster.session.SessionServer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real session server between a fake meta and two fake data peers, A and B, with a bolt client in front: every
 * slot starts led by A (table epoch 1), and the test moves them to B as meta would after A died.
 */
final class SessionWithFakePeers implements AutoCloseable {
    static final int SLOTS = 4;
    static final String DATA_INFO_ID = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    final FakeDataPeer a = new FakeDataPeer();
    final FakeDataPeer b = new FakeDataPeer();
    final FakeMeta meta = new FakeMeta(List.of(a.address(), b.address()));
    final SessionServer session;
    final MetricRegistry metrics = new MetricRegistry();
    final RpcCaller client = new RpcCaller();

    SessionWithFakePeers(int rpcTimeoutMs) {
        meta.allSlotsLedBy(a.address(), SLOTS, 1);
        RosterConfig config = RosterConfig.builder()
                .set(ConfigKeys.ROLES, "session")
                .set(ConfigKeys.SESSION_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.CLUSTER_SLOTS, String.valueOf(SLOTS))
                .set(ConfigKeys.RPC_TIMEOUT_MS, String.valueOf(rpcTimeoutMs))
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, "600000")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "600000")
                .build();
        session = new SessionServer(config, metrics);
        session.start();
        await().until(() -> session.view().slotTable().epoch() == 1);
    }

    /** Sends a publish without waiting for its answer. */
    RpcResponseFuture publish(String registerId, int timeoutMs) throws Exception {
        PublishRequest request = new PublishRequest("client-1", "app", registerId, DATA_INFO_ID,
                List.of(registerId.getBytes(StandardCharsets.UTF_8)), 1, "");
        return client.client().invokeWithFuture(session.address(), request, timeoutMs);
    }

    /** Meta names B the leader of every slot, at a higher epoch. */
    void failOverToB() {
        meta.allSlotsLedBy(b.address(), SLOTS, 2);
    }

    @Override
    public void close() {
        client.close();
        session.close();
        meta.close();
        a.close();
        b.close();
    }
}
