package io.roster.common.acl;

import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens (making, hashing, checking) and ACL rules (glob matching per app and action), as pure values. */
class ClientAclTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aTokenIs32RandomBytesInBase64urlAndOnlyItsSha256IsKept() {
        String token = Tokens.newToken(random);
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Tokens.newToken(random)).isNotEqualTo(token);
        // The SHA-256 test vector of "abc".
        assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.idOf(Tokens.hash("abc"))).isEqualTo("ba7816bf8f01");
        assertThat(Tokens.sameHash(Tokens.hash(token), Tokens.hash(token))).isTrue();
        assertThat(Tokens.sameHash(Tokens.hash(token), Tokens.hash("x"))).isFalse();
        assertThatThrownBy(() -> new AppCredential("orders", token, false, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("64 lower-case hex");
    }

    @Test
    void authenticationNamesEachReason() {
        String t1 = Tokens.newToken(random);
        String t2 = Tokens.newToken(random);
        ClientAcl acl = ClientAcl.NONE.withToken("orders", Tokens.hash(t1), 3).withToken("orders", Tokens.hash(t2), 4);

        assertThat(acl.authenticationRefusal("orders", Tokens.hash(t1))).isNull();
        assertThat(acl.authenticationRefusal("orders", Tokens.hash(t2))).isNull();
        assertThat(acl.authenticationRefusal("", "")).startsWith("no token");
        assertThat(acl.authenticationRefusal("orders", "")).startsWith("no token");
        assertThat(acl.authenticationRefusal("billing", Tokens.hash(t1))).startsWith("unknown app 'billing'");
        assertThat(acl.authenticationRefusal("orders", Tokens.hash("guess"))).isEqualTo("wrong token for app 'orders'");

        ClientAcl revoked = acl.revoke("orders", Tokens.idOf(Tokens.hash(t1)), 5);
        assertThat(revoked.version()).isEqualTo(5);
        assertThat(revoked.authenticationRefusal("orders", Tokens.hash(t1)))
                .isEqualTo("token " + Tokens.idOf(Tokens.hash(t1)) + " of app 'orders' was revoked");
        assertThat(revoked.authenticationRefusal("orders", Tokens.hash(t2))).isNull();
        // A token of another app is not this app's: the app is part of the check.
        ClientAcl two = revoked.withToken("billing", Tokens.hash(Tokens.newToken(random)), 6);
        assertThat(two.authenticationRefusal("billing", Tokens.hash(t2))).isEqualTo("wrong token for app 'billing'");
    }

    @Test
    void anAppHoldsAtMostTwoLiveTokensAndKeepsTheLatestRevokedOnes() {
        ClientAcl acl = ClientAcl.NONE.withToken("orders", Tokens.hash("a"), 1).withToken("orders", Tokens.hash("b"), 2);
        assertThatThrownBy(() -> acl.withToken("orders", Tokens.hash("c"), 3)).isInstanceOf(ClientAcl.AclLimitException.class)
                .hasMessageContaining("revoke one first");
        assertThat(acl.withToken("orders", Tokens.hash("a"), 3)).isSameAs(acl);

        ClientAcl all = acl.revoke("orders", "", 3);
        assertThat(all.hasLiveToken("orders", "")).isFalse();
        ClientAcl rotated = all.withToken("orders", Tokens.hash("c"), 4).revoke("orders", "", 5);
        assertThat(rotated.credentialsOf("orders")).hasSize(2).allMatch(AppCredential::revoked)
                .extracting(AppCredential::sha256).containsExactlyInAnyOrder(Tokens.hash("b"), Tokens.hash("c"));
        assertThat(rotated.revoke("orders", "", 6)).isSameAs(rotated);
    }

    @Test
    void rulesMatchDataIdGlobsPerAppAndAction() {
        ClientAcl acl = ClientAcl.NONE.withRule(AclRule.parse("orders", "publish", "com.shop.orders.*"), true, 1)
                .withRule(AclRule.parse("orders", "subscribe", "com.shop.*"), true, 2)
                .withRule(AclRule.parse("web", "subscribe", "*"), true, 3);

        assertThat(acl.allows("orders", AclAction.PUBLISH, "com.shop.orders.Api#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP")).isTrue();
        assertThat(acl.allows("orders", AclAction.PUBLISH, "com.shop.billing.Api#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP")).isFalse();
        assertThat(acl.allows("orders", AclAction.SUBSCRIBE, "com.shop.billing.Api")).isTrue();
        assertThat(acl.allows("web", AclAction.PUBLISH, "com.shop.orders.Api")).isFalse();
        assertThat(acl.allows("web", AclAction.SUBSCRIBE, "anything")).isTrue();
        assertThat(acl.allows("billing", AclAction.SUBSCRIBE, "anything")).isFalse();

        ClientAcl less = acl.withRule(AclRule.parse("web", "subscribe", "*"), false, 4);
        assertThat(less.allows("web", AclAction.SUBSCRIBE, "anything")).isFalse();
        assertThat(less.withRule(AclRule.parse("web", "subscribe", "*"), false, 5)).isSameAs(less);

        assertThatThrownBy(() -> AclRule.parse("orders", "write", "x")).hasMessageContaining("'write' is not an ACL action");
        assertThatThrownBy(() -> AclRule.parse("orders", "publish", "a b")).hasMessageContaining("not a dataId pattern");
        assertThatThrownBy(() -> AclRule.parse("or ders", "publish", "x")).hasMessageContaining("not an application name");
    }

    @Test
    void theAclCrossesTheWireWhole() {
        ClientAcl acl = ClientAcl.NONE.withToken("orders", Tokens.hash("a"), 1).revoke("orders", "", 2)
                .withRule(AclRule.parse("orders", "publish", "x.*"), true, 3);
        assertThat(Protostuff.decode(Protostuff.encode(acl), ClientAcl.class)).isEqualTo(acl);
        assertThat(Protostuff.decode(Protostuff.encode(ClientAcl.NONE), ClientAcl.class)).isEqualTo(ClientAcl.NONE);
        assertThat(List.of(acl.toString())).noneMatch(s -> s.contains(Tokens.hash("a")));
    }
}
