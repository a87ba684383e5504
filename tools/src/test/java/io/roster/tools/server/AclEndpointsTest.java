package io.roster.tools.server;

import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.config.RosterConfig;
import io.roster.common.wire.AclReply;
import io.roster.common.wire.AclRequest;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /api/acl}'s answers to what meta says, with meta answered by a fake. */
class AclEndpointsTest {
    private static final String IN_DOUBT = "the ACL write was not committed within 5000 ms (no meta quorum?); it may still take effect";

    @Test
    @SuppressWarnings("unchecked")
    void aTokenWhoseWriteIsInDoubtIsStillReturnedWithHowToCheckAndRevokeIt() {
        List<AclRequest> sent = new ArrayList<>();
        AclEndpoints endpoints = new AclEndpoints(RosterConfig.builder().build(), request -> {
            sent.add(request);
            return new AclReply(ErrorCode.UNAVAILABLE, IN_DOUBT, "127.0.0.1:9615", null);
        });

        Map<String, Object> out = (Map<String, Object>) endpoints.post("{\"op\":\"token-create\",\"app\":\"orders\"}");

        Map<String, Object> created = (Map<String, Object>) out.get("created");
        String token = (String) created.get("token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(Tokens.hash(token)));
        String id = Tokens.idOf(Tokens.hash(token));
        assertThat(created).containsEntry("app", "orders").containsEntry("id", id).containsEntry("inDoubt", true);
        assertThat((String) created.get("warning")).contains("may still take effect", "may or may not have been stored",
                "roster acl list", "roster acl token revoke orders " + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCommittedTokenIsReturnedWithTheAclAndOtherRefusalsStayErrors() {
        AclEndpoints committed = new AclEndpoints(RosterConfig.builder().build(),
                request -> new AclReply(ErrorCode.OK, "", "127.0.0.1:9615", ClientAcl.NONE.withToken("orders", request.value(), 3)));
        Map<String, Object> out = (Map<String, Object>) committed.post("{\"op\":\"token-create\",\"app\":\"orders\"}");
        assertThat(out).containsEntry("version", 3L).containsKey("tokens");
        assertThat((Map<String, Object>) out.get("created")).doesNotContainKey("inDoubt").containsKey("token");

        AclEndpoints full = new AclEndpoints(RosterConfig.builder().build(),
                request -> new AclReply(ErrorCode.LIMIT_EXCEEDED, "app orders holds 2 live tokens", "127.0.0.1:9615", null));
        assertThatThrownBy(() -> full.post("{\"op\":\"token-create\",\"app\":\"orders\"}")).hasMessageContaining("2 live tokens");
        AclEndpoints down = new AclEndpoints(RosterConfig.builder().build(),
                request -> new AclReply(ErrorCode.UNAVAILABLE, IN_DOUBT, "127.0.0.1:9615", null));
        assertThatThrownBy(() -> down.post("{\"op\":\"allow\",\"app\":\"orders\",\"action\":\"publish\",\"pattern\":\"x.*\"}"))
                .isInstanceOf(AdminHttpServer.Unavailable.class);
    }

    /**
     * The admin's own call to meta can time out before meta answers UNAVAILABLE (both wait rpc.timeout-ms), and a
     * retry can land on a follower (NOT_LEADER): the write may still commit, so the token is returned in doubt.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTokenIsInDoubtWhenTheCallToMetaGotNoAnswerOrAFollowerAnswered() {
        AclEndpoints timedOut = new AclEndpoints(RosterConfig.builder().build(), request -> {
            throw new AdminHttpServer.Unavailable("no meta leader answered: timeout after 3000 ms");
        });
        Map<String, Object> out = (Map<String, Object>) timedOut.post("{\"op\":\"token-create\",\"app\":\"orders\"}");
        Map<String, Object> created = (Map<String, Object>) out.get("created");
        assertThat(created).containsEntry("inDoubt", true).containsKey("token");
        assertThat((String) created.get("warning")).contains("no meta leader answered", "roster acl list");

        AclEndpoints follower = new AclEndpoints(RosterConfig.builder().build(),
                request -> new AclReply(ErrorCode.NOT_LEADER, "not the leader", "", null));
        Map<String, Object> again = (Map<String, Object>) follower.post("{\"op\":\"token-create\",\"app\":\"orders\"}");
        assertThat((Map<String, Object>) again.get("created")).containsEntry("inDoubt", true);
    }
}
