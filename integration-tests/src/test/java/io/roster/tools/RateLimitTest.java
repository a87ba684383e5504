package io.roster.tools;

import com.codahale.metrics.Gauge;
import io.roster.client.Publication;
import io.roster.client.RetryStats;
import io.roster.client.RosterClient;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.config.ConfigKeys;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real standalone node with small session.rate-limit.* settings: a client connection over its rate gets
 * RATE_LIMITED naming the limit and its settings (every registration call counts, revisions too), other connections
 * are not held back by it, the session takes its calls again once the bucket refilled, and the SDK, retrying,
 * registers everything in the end.
 */
@Timeout(120)
class RateLimitTest {
    private static final String SERVICE = "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";

    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster()
            .with(ConfigKeys.SESSION_RATE_LIMIT_CLIENT_PER_SEC, 5)
            .with(ConfigKeys.SESSION_RATE_LIMIT_CLIENT_BURST, 5)
            .with(ConfigKeys.SESSION_RATE_LIMIT_SESSION_PER_SEC, 8)
            .with(ConfigKeys.SESSION_RATE_LIMIT_SESSION_BURST, 8);

    private RegisterReply publish(RpcCaller raw, String registerId) {
        return raw.call(cluster.sessionAddress(), new PublishRequest("c1", "app", registerId, SERVICE,
                List.of(registerId.getBytes()), 1, ""), RegisterReply.class, 5000);
    }

    @Test
    void aConnectionOverItsRateIsRefusedNamingTheSettingsAndTakenAgainAfterTheRefill() {
        try (RpcCaller raw = new RpcCaller(); RpcCaller other = new RpcCaller()) {
            // The burst: five calls of any kind.
            assertThat(publish(raw, "r1").code()).isEqualTo(ErrorCode.OK);
            assertThat(publish(raw, "r2").code()).isEqualTo(ErrorCode.OK);
            assertThat(raw.call(cluster.sessionAddress(), new UnpublishRequest("c1", "r2", SERVICE), RegisterReply.class, 5000)
                    .code()).isEqualTo(ErrorCode.OK);
            assertThat(raw.call(cluster.sessionAddress(), new SubscribeRequest("c1", "app", "s1", SERVICE, ""),
                    RegisterReply.class, 5000).code()).isEqualTo(ErrorCode.OK);
            assertThat(raw.call(cluster.sessionAddress(), new UnsubscribeRequest("c1", "s1", SERVICE), RegisterReply.class, 5000)
                    .code()).isEqualTo(ErrorCode.OK);

            RegisterReply refused = publish(raw, "r3");
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.message()).contains("client c1 at", "5 per second, burst 5",
                    "session.rate-limit.client-per-sec", "session.rate-limit.client-burst", "retry in");
            Revision revision = Revision.of("shop", List.of(InterfaceSpec.of("com.example.Cart", Map.of(),
                    RegistryLimits.DEFAULTS)), RegistryLimits.DEFAULTS);
            SimpleReply revisionRefused = raw.call(cluster.sessionAddress(), new RevisionRegistration(revision),
                    SimpleReply.class, 5000);
            assertThat(revisionRefused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(cluster.node().session().publisherCount()).as("nothing refused was stored").isEqualTo(1);

            // Another connection has a bucket of its own.
            assertThat(publish(other, "o1").code()).isEqualTo(ErrorCode.OK);
            // Refilled (5 per second), the first connection's calls are taken again.
            await().atMost(Duration.ofSeconds(5)).until(() -> publish(raw, "r3").code() == ErrorCode.OK);
            assertThat(cluster.node().session().publisherCount()).isEqualTo(3);
            assertThat(gauge("session.requests.rate-limited.client")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theSessionsRateHoldsAllItsClientsTogether() {
        List<RpcCaller> callers = new ArrayList<>();
        try {
            int ok = 0;
            RegisterReply refused = null;
            long started = System.nanoTime();
            for (int c = 0; c < 20 && refused == null; c++) {
                RpcCaller raw = new RpcCaller();
                callers.add(raw);
                for (int i = 0; i < 3; i++) { // under each connection's own burst of 5
                    RegisterReply r = publish(raw, "c" + c + "-" + i);
                    if (r.code() == ErrorCode.OK) {
                        ok++;
                    } else {
                        refused = r;
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // The session's burst of 8, plus what its 8 per second refilled while the calls went out.
            assertThat(ok).isBetween(8, 8 + (int) Math.ceil(8 * seconds) + 1);
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.message()).contains("this session is over its registration rate",
                    "session.rate-limit.session-per-sec", "session.rate-limit.session-burst");
            assertThat(gauge("session.requests.rate-limited.session")).isGreaterThanOrEqualTo(1);
        } finally {
            callers.forEach(RpcCaller::close);
        }
    }

    @Test
    void theSdkRegistersEverythingUnderATightLimitRetryingWithBackoff() {
        RosterClient subscriber = cluster.client("watcher");
        PushRecorder pushes = new PushRecorder();
        subscriber.subscribe("flooded", pushes::onData);
        RosterClient client = cluster.client("busy");
        List<CompletableFuture<Publication>> published = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            published.add(client.publishAsync("flooded", "10.0.0." + i + ":80"));
        }
        // 40 calls at 5 per second after a burst of 5 (the session's 8 per second also shared with the subscriber).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(pushes.lastData()).hasSize(40));
        assertThat(published).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(RetryStats.of(client).rateLimitedAnswers()).isPositive();
        assertThat(cluster.node().session().publisherCount()).isEqualTo(40);
    }

    private long gauge(String name) {
        return ((Number) ((Gauge<?>) cluster.node().metrics().getGauges().get(name)).getValue()).longValue();
    }
}
