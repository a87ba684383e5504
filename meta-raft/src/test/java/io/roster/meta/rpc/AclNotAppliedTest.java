package io.roster.meta.rpc;

import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.meta.state.AclRuleChanged;
import io.roster.meta.state.AppCredentialChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two token-creates checked on the same image can both be logged; replay applies the one past the cap as nothing
 * (it never throws). The handler then must not answer OK for the one that did not take effect.
 */
class AclNotAppliedTest {
    private static final String A = Tokens.hash("token-a-0123456789");
    private static final String B = Tokens.hash("token-b-0123456789");
    private static final String C = Tokens.hash("token-c-0123456789");

    @Test
    void anAddMissingFromTheImageItsEntryMadeIsNamed() {
        ClientAcl full = ClientAcl.NONE.withToken("orders", A, 1).withToken("orders", B, 2);
        assertThat(AclHandler.notApplied(full, new AppCredentialChanged("orders", C, true)))
                .contains("token of app orders was not stored");
        assertThat(AclHandler.notApplied(full, new AppCredentialChanged("orders", B, true))).isNull();
        assertThat(AclHandler.notApplied(full, new AppCredentialChanged("orders", Tokens.idOf(A), false))).isNull();

        AclRule rule = AclRule.parse("orders", "publish", "com.shop.*");
        assertThat(AclHandler.notApplied(full, new AclRuleChanged(rule, true))).contains("was not stored");
        assertThat(AclHandler.notApplied(full.withRule(rule, true, 3), new AclRuleChanged(rule, true))).isNull();
        assertThat(AclHandler.notApplied(full, new AclRuleChanged(rule, false))).isNull();
    }
}
