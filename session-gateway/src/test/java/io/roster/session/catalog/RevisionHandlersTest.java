package io.roster.session.catalog;

import com.codahale.metrics.Counter;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.heartbeat.MetaClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.RevisionReply;
import io.roster.common.wire.SimpleReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.roster.session.catalog.SessionWithFakeMeta.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** The session's RevisionRegistration and RevisionQuery handlers, over real bolt, against a fake meta leader. */
class RevisionHandlersTest {
    private final SessionWithFakeMeta cluster = new SessionWithFakeMeta();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aRegistrationIsForwardedToMetaOnceThenAnsweredFromTheCatalog() {
        Revision rev = revision("shop", "com.example.Cart", "com.example.Pay");

        assertThat(cluster.register(rev).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.forwarded()).hasSize(1);
        assertThat(cluster.forwarded().get(0).revision()).isEqualTo(rev);
        assertThat(cluster.session.catalog().current().revision(rev.digest())).isEqualTo(rev);

        assertThat(cluster.register(rev).code()).isEqualTo(ErrorCode.OK);
        assertThat(cluster.forwarded()).as("the second registration is answered by the session").hasSize(1);
        assertThat(cluster.metrics.counter("session.revisions.forwarded").getCount()).isEqualTo(1);
    }

    /** Driven directly, with the meta-call pool as a queue the test runs, so both calls are surely under way at once. */
    @Test
    void registrationsOfOneDigestUnderWayShareOneForward() throws Exception {
        Queue<Runnable> metaCalls = new ArrayDeque<>();
        SessionCatalog catalog = new SessionCatalog();
        try (RpcCaller caller = new RpcCaller()) {
            MetaClient meta = new MetaClient(caller, List.of(cluster.meta.address()), 5000);
            Counter forwarded = new Counter();
            RevisionHandlers handlers = new RevisionHandlers(catalog,
                    new CatalogFetcher(catalog, meta, metaCalls::add, new Counter()), meta, SessionWithFakeMeta.LIMITS,
                    metaCalls::add, forwarded);
            Revision rev = revision("shop", "com.example.Cart");

            CompletableFuture<SimpleReply> first = handlers.register(new RevisionRegistration(rev)).toCompletableFuture();
            CompletableFuture<SimpleReply> second = handlers.register(new RevisionRegistration(rev)).toCompletableFuture();
            assertThat(metaCalls).hasSize(1);
            metaCalls.poll().run();

            assertThat(first.get().code()).isEqualTo(ErrorCode.OK);
            assertThat(second.get().code()).isEqualTo(ErrorCode.OK);
            assertThat(cluster.forwarded()).hasSize(1);
            assertThat(forwarded.getCount()).isEqualTo(1);
            assertThat(catalog.current().revision(rev.digest())).isEqualTo(rev);
            assertThat(handlers.register(new RevisionRegistration(rev)).toCompletableFuture().get().code())
                    .isEqualTo(ErrorCode.OK);
            assertThat(metaCalls).as("known now: answered without meta").isEmpty();
        }
    }

    @Test
    void aCatalogListenerFailingOnARegistrationStillAnswersTheClient() {
        AtomicBoolean fail = new AtomicBoolean(true);
        cluster.session.catalog().addListener((before, after) -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("listener broke");
            }
        });
        Revision rev = revision("shop", "com.example.Cart");

        SimpleReply reply = cluster.register(rev);

        assertThat(reply.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(reply.message()).contains("listener broke");
        assertThat(cluster.register(revision("shop", "com.example.Pay")).code()).isEqualTo(ErrorCode.OK);
    }

    @Test
    void aBadRevisionIsRefusedWithoutAskingMeta() {
        Revision good = revision("shop", "com.example.Cart");
        Revision misnamed = new Revision("shop", "0123456789abcdef0123456789abcdef", good.interfaces());
        Revision empty = new Revision("shop", good.digest(), List.of());
        Revision reserved = new Revision("shop", good.digest(),
                List.of(new InterfaceSpec("x#@#DEFAULT_INSTANCE_ID#@#ROSTER_APP", Map.of())));

        for (Revision bad : List.of(misnamed, empty, reserved)) {
            SimpleReply reply = cluster.register(bad);
            assertThat(reply.code()).as(bad.toString()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(reply.message()).as(bad.toString()).contains("revision", "shop").isNotBlank();
        }
        assertThat(cluster.register(misnamed).message()).contains("0123456789abcdef0123456789abcdef");
        assertThat(cluster.forwarded()).isEmpty();
        assertThat(cluster.session.catalog().current().size()).isZero();
    }

    @Test
    void withMetaDownARegistrationIsUnavailableNamingWhy() {
        cluster.meta.close();

        SimpleReply reply = cluster.register(revision("shop", "com.example.Cart"));

        assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(reply.message()).contains("meta is unreachable");
        assertThat(cluster.session.catalog().current().size()).isZero();
    }

    @Test
    void withoutAMetaLeaderARegistrationIsUnavailable() {
        cluster.meta.answerRegistrations(new SimpleReply(ErrorCode.NOT_LEADER,
                "this meta node does not lead and no leader is known (election in progress); retry"));

        SimpleReply reply = cluster.register(revision("shop", "com.example.Cart"));

        assertThat(reply.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(reply.message()).contains("no meta server leads now", "election in progress");
        assertThat(cluster.session.catalog().current().size()).isZero();
    }

    @Test
    void aQueryAnswersTheKnownRevisionsOnly() {
        Revision known = revision("shop", "com.example.Cart");
        Revision unknown = revision("shop", "com.example.Pay");
        assertThat(cluster.register(known).code()).isEqualTo(ErrorCode.OK);

        RevisionReply reply = cluster.call(new RevisionQuery(List.of(known.digest(), unknown.digest(), known.digest())),
                RevisionReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
        assertThat(reply.revisions()).containsExactly(known);
    }

    @Test
    void aQueryOverTheDigestLimitIsRefused() {
        List<String> tooMany = Collections.nCopies(RevisionQuery.MAX_DIGESTS + 1, "0123456789abcdef0123456789abcdef");

        RevisionReply reply = cluster.call(new RevisionQuery(tooMany), RevisionReply.class);

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains(String.valueOf(RevisionQuery.MAX_DIGESTS));
    }
}
