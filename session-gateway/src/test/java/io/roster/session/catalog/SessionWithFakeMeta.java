package io.roster.session.catalog;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.session.SessionServer;

import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A real session between a {@link FakeRevisionMeta} and a {@link FakeData}, with a bolt client in front. */
final class SessionWithFakeMeta implements AutoCloseable {
    static final int SLOTS = 4;
    static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;

    final FakeData data = new FakeData();
    final FakeRevisionMeta meta = new FakeRevisionMeta(data.address(), SLOTS);
    final MetricRegistry metrics = new MetricRegistry();
    final SessionServer session;
    final RpcCaller client = new RpcCaller();

    SessionWithFakeMeta() {
        RosterConfig config = RosterConfig.builder()
                .set(ConfigKeys.ROLES, "session")
                .set(ConfigKeys.SESSION_PORT, "0")
                .set(ConfigKeys.META_SERVERS, meta.address())
                .set(ConfigKeys.CLUSTER_SLOTS, String.valueOf(SLOTS))
                .set(ConfigKeys.RPC_TIMEOUT_MS, "1000")
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "50")
                .set(ConfigKeys.SESSION_DIGEST_INTERVAL_MS, "600000")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "600000")
                .build();
        session = new SessionServer(config, metrics);
        session.start();
        await().until(() -> session.view().slotTable().epoch() == 1);
    }

    static Revision revision(String app, String... interfaces) {
        return Revision.of(app, java.util.Arrays.stream(interfaces)
                .map(i -> InterfaceSpec.of(i, Map.of("timeout", "3000"), LIMITS)).toList(), LIMITS);
    }

    <R> R call(Object request, Class<R> replyType) {
        return client.call(session.address(), request, replyType, 5000);
    }

    SimpleReply register(Revision revision) {
        return call(new RevisionRegistration(revision), SimpleReply.class);
    }

    List<RevisionRegistration> forwarded() {
        return meta.received(RevisionRegistration.class);
    }

    @Override
    public void close() {
        client.close();
        session.close();
        meta.close();
        data.close();
    }
}
