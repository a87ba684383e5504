package io.roster.session.catalog;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SimpleReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.roster.session.catalog.SessionWithFakeMeta.LIMITS;
import static io.roster.session.catalog.SessionWithFakeMeta.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meta collected a revision that an instance published here serves (registered at this session while its copy still
 * had it, so meta never heard of the use): the fetch that drops it must register it with meta again, or the instance
 * stays invisible for good.
 */
class CollectedInUseTest {
    private static final String SHOP = AppIds.appDataInfoId("shop", LIMITS);

    private final SessionWithFakeMeta cluster = new SessionWithFakeMeta();

    @AfterEach
    void close() {
        cluster.close();
    }

    private RevisionCatalog current() {
        return cluster.session.catalog().current();
    }

    private void publishInstanceOf(Revision revision) {
        byte[] item = new AppInstance(revision.digest(), "10.0.0.1:8080", Map.of()).encode();
        RegisterReply reply = cluster.call(new PublishRequest("client-1", "shop", "p1", SHOP, List.of(item), 1, ""),
                RegisterReply.class);
        assertThat(reply.code()).isEqualTo(ErrorCode.OK);
    }

    private List<String> forwardedDigests() {
        return cluster.forwarded().stream().map(r -> r.revision().digest()).toList();
    }

    @Test
    void aRevisionInUseThatAFetchDropsIsRegisteredAgainAndKept() {
        Revision cart = revision("shop", "com.example.Cart");
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart), List.of()));
        await().until(() -> current().version() == 5);
        assertThat(cluster.register(cart).code()).as("known here: OK without meta").isEqualTo(ErrorCode.OK);
        assertThat(cluster.forwarded()).isEmpty();
        publishInstanceOf(cart);

        cluster.meta.catalog(RevisionCatalog.of(9, List.of(), List.of())); // collected meanwhile

        await().atMost(Duration.ofSeconds(5)).until(() -> forwardedDigests().contains(cart.digest()));
        await().until(() -> current().version() == 9 && current().revision(cart.digest()) != null);
        assertThat(cluster.forwarded().get(0).revision()).as("the content of the old copy").isEqualTo(cart);
    }

    @Test
    void aFailedRegistrationIsTriedAgainAtTheNextHeartbeat() {
        Revision cart = revision("shop", "com.example.Cart");
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart), List.of()));
        await().until(() -> current().version() == 5);
        publishInstanceOf(cart);
        cluster.meta.answerRegistrations(new SimpleReply(ErrorCode.UNAVAILABLE, "no quorum"));

        cluster.meta.catalog(RevisionCatalog.of(9, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(5)).until(() -> forwardedDigests().size() >= 2);
        assertThat(current().revision(cart.digest())).isNull();
        cluster.meta.answerRegistrations(new SimpleReply(ErrorCode.OK, ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> current().revision(cart.digest()) != null);
        int tries = cluster.forwarded().size();
        int beats = cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size();
        await().until(() -> cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size() >= beats + 3);
        assertThat(cluster.forwarded()).as("no more tries once it is back").hasSize(tries);
    }

    @Test
    void aDroppedRevisionNobodyServesIsNotRegisteredAgain() {
        Revision cart = revision("shop", "com.example.Cart");
        Revision pay = revision("shop", "com.example.Pay");
        cluster.meta.catalog(RevisionCatalog.of(5, List.of(cart, pay), List.of()));
        await().until(() -> current().version() == 5);
        publishInstanceOf(pay);

        cluster.meta.catalog(RevisionCatalog.of(9, List.of(pay), List.of()));
        await().until(() -> current().version() == 9);
        int beats = cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size();
        await().until(() -> cluster.meta.received(io.roster.common.wire.HeartbeatRequest.class).size() >= beats + 3);

        assertThat(cluster.forwarded()).isEmpty();
        assertThat(current().revision(cart.digest())).isNull();
    }
}
