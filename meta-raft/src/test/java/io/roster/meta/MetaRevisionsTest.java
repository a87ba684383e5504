package io.roster.meta;

import com.codahale.metrics.MetricRegistry;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.HeartbeatReply;
import io.roster.common.wire.HeartbeatRequest;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.RevisionCatalogRequest;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.testkit.MetaConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.roster.meta.image.RevisionFixtures.ECHO;
import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static io.roster.meta.image.RevisionFixtures.STOCK;
import static io.roster.meta.image.RevisionFixtures.TIME;
import static io.roster.meta.image.RevisionFixtures.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Revisions on real meta groups (JRaft in-process, real bolt sockets): registration, catalog, failover, collection. */
@Timeout(120)
class MetaRevisionsTest {
    private static final int RPC_TIMEOUT_MS = 2_000;
    private static final NodeInfo SESSION = new NodeInfo(NodeRole.SESSION, "127.0.0.1:19601",
            new ProcessId("127.0.0.1:19601", 1, 1));

    @TempDir
    Path dataDir;

    private final List<MetaServer> servers = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        servers.forEach(MetaServer::close);
        caller.close();
    }

    private MetaConfigs group(int size) {
        return MetaTestGroups.group(dataDir, size).set(ConfigKeys.CLUSTER_SLOTS, 8)
                .set(ConfigKeys.LEASE_DURATION_MS, 30_000);
    }

    private void startAll(List<RosterConfig> members) {
        for (RosterConfig member : members) {
            MetaServer m = new MetaServer(member);
            servers.add(m);
            m.start();
        }
    }

    private MetaServer leader() {
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.stream().anyMatch(MetaServer::isLeader));
        return servers.stream().filter(MetaServer::isLeader).findFirst().orElseThrow();
    }

    /** Registers on {@code at}, retrying while a just-elected leader asks to. */
    private SimpleReply register(MetaServer at, Revision revision) {
        AtomicReference<SimpleReply> reply = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            reply.set(caller.call(at.address(), new RevisionRegistration(revision), SimpleReply.class, RPC_TIMEOUT_MS));
            return reply.get().code() != ErrorCode.UNAVAILABLE;
        });
        return reply.get();
    }

    private RevisionCatalogReply catalog(MetaServer at, long since) {
        return caller.call(at.address(), new RevisionCatalogRequest(since), RevisionCatalogReply.class, RPC_TIMEOUT_MS);
    }

    private HeartbeatReply heartbeat(MetaServer at, List<String> inUse) {
        return caller.call(at.address(), new HeartbeatRequest(SESSION, 0, 0, 0, 0, List.of(), inUse), HeartbeatReply.class,
                RPC_TIMEOUT_MS);
    }

    @Test
    void registrationIsIdempotentCatalogsGoBySinceFollowersRedirectAndANewLeaderKeepsThem() {
        startAll(group(3).members());
        MetaServer leader = leader();
        MetaServer follower = servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.leaderAddress().equals(leader.address()));

        assertThat(register(leader, SHOP_V1).code()).isEqualTo(ErrorCode.OK);
        long v1 = leader.revisions().version();
        assertThat(register(leader, SHOP_V1).code()).isEqualTo(ErrorCode.OK);
        assertThat(leader.revisions().revisions()).containsExactly(SHOP_V1);
        assertThat(leader.revisions().version()).as("a second registration of one digest writes nothing").isEqualTo(v1);
        assertThat(v1).isPositive().isLessThanOrEqualTo(leader.image().appliedIndex());

        SimpleReply redirected = caller.call(follower.address(), new RevisionRegistration(WAREHOUSE), SimpleReply.class,
                RPC_TIMEOUT_MS);
        RevisionCatalogReply redirectedCatalog = catalog(follower, 0);
        assertThat(redirected.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(redirected.message()).contains(leader.address());
        assertThat(redirectedCatalog.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(redirectedCatalog.leaderAddress()).isEqualTo(leader.address());

        assertThat(register(leader, WAREHOUSE).code()).isEqualTo(ErrorCode.OK);
        long v2 = leader.revisions().version();
        assertThat(v2).isGreaterThan(v1);
        RevisionCatalogReply all = catalog(leader, 0);
        RevisionCatalogReply sinceV1 = catalog(leader, v1);
        RevisionCatalogReply sinceV2 = catalog(leader, v2);
        assertThat(all.version()).isEqualTo(v2);
        assertThat(all.added()).containsExactlyInAnyOrder(SHOP_V1, WAREHOUSE);
        assertThat(sinceV1.added()).containsExactly(WAREHOUSE);
        assertThat(sinceV1.liveDigests()).containsExactlyInAnyOrder(SHOP_V1.digest(), WAREHOUSE.digest());
        assertThat(sinceV1.pairsAdded()).extracting(InterfaceProviders::interfaceId, InterfaceProviders::apps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ECHO, List.of("warehouse")),
                        org.assertj.core.groups.Tuple.tuple(STOCK, List.of("warehouse")));
        assertThat(sinceV2.added()).isEmpty();
        assertThat(sinceV2.pairsAdded()).isEmpty();
        RevisionCatalog copied = sinceV1.applyTo(catalog(leader, 0).applyTo(RevisionCatalog.EMPTY));
        assertThat(copied.version()).isEqualTo(v2);
        assertThat(copied.everProviders(TIME)).containsExactly("shop");
        assertThat(heartbeat(leader, List.of()).revisionsVersion()).isEqualTo(v2);

        // the leader goes: the new one has both revisions at the same version and keeps registrations idempotent
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.stream().allMatch(s -> s.revisions().version() == v2));
        leader.close();
        servers.remove(leader);
        MetaServer next = leader();
        assertThat(register(next, WAREHOUSE).code()).isEqualTo(ErrorCode.OK);
        assertThat(next.revisions().version()).isEqualTo(v2);
        assertThat(next.revisions().revisions()).containsExactlyInAnyOrder(SHOP_V1, WAREHOUSE);
        RevisionCatalogReply fromNext = catalog(next, 0);
        assertThat(fromNext.code()).isEqualTo(ErrorCode.OK);
        assertThat(fromNext.version()).isEqualTo(v2);
        assertThat(fromNext.added()).containsExactlyInAnyOrder(SHOP_V1, WAREHOUSE);
        assertThat(heartbeat(next, List.of()).revisionsVersion()).isEqualTo(v2);
    }

    @Test
    void revisionsSurviveARestartOfTheWholeGroupFromSnapshots() throws Exception {
        MetaConfigs configs = group(3);
        startAll(configs.members());
        MetaServer leader = leader();
        assertThat(register(leader, SHOP_V1).code()).isEqualTo(ErrorCode.OK);
        assertThat(register(leader, WAREHOUSE).code()).isEqualTo(ErrorCode.OK);
        long version = leader.revisions().version();
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.stream().allMatch(s -> s.revisions().version() == version));
        for (MetaServer s : servers) {
            assertThat(s.snapshot().get(10, TimeUnit.SECONDS).isOk()).isTrue();
        }
        servers.forEach(MetaServer::close);
        servers.clear();

        startAll(configs.members());
        MetaServer restarted = leader();
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.stream().allMatch(s -> s.revisions().version() == version));
        assertThat(restarted.revisions().revisions()).containsExactlyInAnyOrder(SHOP_V1, WAREHOUSE);
        assertThat(restarted.revisions().everProviders(ECHO)).containsExactly("shop", "warehouse");
        AtomicReference<RevisionCatalogReply> since = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            since.set(catalog(restarted, version - 1));
            return since.get().code() == ErrorCode.OK;
        });
        assertThat(since.get().version()).isEqualTo(version);
        assertThat(since.get().added()).as("stamps survive the snapshot").containsExactly(WAREHOUSE);
    }

    @Test
    void theLeaderCollectsWhatNoSessionReportsInUseForAGraceAndKeepsWhatOneDoes() {
        MetaConfigs configs = group(1).set(ConfigKeys.META_REVISION_GRACE_MS, 1_000);
        MetricRegistry metrics = new MetricRegistry();
        MetaServer meta = new MetaServer(configs.member(0), metrics);
        servers.add(meta);
        meta.start();
        leader();
        assertThat(register(meta, SHOP_V1).code()).isEqualTo(ErrorCode.OK);
        assertThat(register(meta, WAREHOUSE).code()).isEqualTo(ErrorCode.OK);
        assertThat(metrics.getGauges().get("meta.revisions").getValue()).isEqualTo(2);
        assertThat(metrics.getGauges().get("meta.apps").getValue()).isEqualTo(2);

        ScheduledExecutorService session = NamedThreads.scheduler("test-session-heartbeats");
        toClose.add(() -> NamedThreads.shutdown(session));
        session.scheduleWithFixedDelay(() -> {
            try {
                heartbeat(meta, List.of(SHOP_V1.digest()));
            } catch (RuntimeException ignored) {
                // the next beat retries
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(20)).until(() -> meta.revisions().revision(WAREHOUSE.digest()) == null);
        long afterCollection = meta.revisions().version();
        assertThat(meta.revisions().revisions()).containsExactly(SHOP_V1);
        assertThat(meta.revisions().everProviders(STOCK)).as("pairs are never removed").containsExactly("warehouse");
        assertThat(metrics.getCounters().get("meta.revisions.collected").getCount()).isEqualTo(1);
        assertThat(heartbeat(meta, List.of(SHOP_V1.digest())).revisionsVersion()).isEqualTo(afterCollection);
        RevisionCatalogReply change = catalog(meta, afterCollection - 1);
        assertThat(change.added()).isEmpty();
        assertThat(change.liveDigests()).containsExactly(SHOP_V1.digest());
    }
}
