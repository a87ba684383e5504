package io.roster.meta.image;

import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.lever.Lever;
import io.roster.common.lever.LeverValues;
import io.roster.meta.state.AclRuleChanged;
import io.roster.meta.state.AppCredentialChanged;
import io.roster.meta.state.LeverChanged;
import io.roster.meta.state.MetaRecord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay never throws for a cap: two admin changes that each passed the leader's check against an image without the
 * other (after an apply timeout) may both be logged, and every replica must apply the entry the same way. An add past
 * a cap changes nothing and is named in {@link MetaDelta#overCap()}.
 */
public class CappedReplayTest {
    /** 1,001 distinct client-off values: one more than a lever takes. */
    public static List<MetaRecord> leverAddsPastTheCap() {
        List<MetaRecord> records = new ArrayList<>();
        for (int i = 0; i <= LeverValues.MAX_ENTRIES; i++) {
            records.add(new LeverChanged(Lever.CLIENT_OFF, "10.0." + (i / 256) + "." + (i % 256), true));
        }
        return records;
    }

    /** Three tokens of one app (it takes two live) and 1,001 distinct rules (the ACL takes 1,000). */
    public static List<MetaRecord> aclAddsPastTheCaps() {
        List<MetaRecord> records = new ArrayList<>();
        for (int i = 0; i <= ClientAcl.MAX_ACTIVE_PER_APP; i++) {
            records.add(new AppCredentialChanged("orders", Tokens.hash("token-" + i), true));
        }
        for (int i = 0; i <= ClientAcl.MAX_RULES; i++) {
            records.add(new AclRuleChanged(AclRule.parse("orders", "publish", "com.shop.s" + i), true));
        }
        return records;
    }

    @Test
    void leverAddsPastTheCapApplyAndEndAtTheCap() {
        MetaDelta delta = MetaDelta.replaying(MetaImage.EMPTY, leverAddsPastTheCap(), 7);
        MetaImage image = delta.apply();
        assertThat(image.levers().clientOff()).hasSize(LeverValues.MAX_ENTRIES).doesNotContain("10.0.3.232");
        assertThat(image.levers().version()).isEqualTo(7);
        assertThat(delta.overCap()).containsExactly(leverAddsPastTheCap().get(LeverValues.MAX_ENTRIES));
        // the same again on the full image: nothing changes, and the same record is named, on every replica alike
        MetaDelta again = MetaDelta.replaying(image, List.of(new LeverChanged(Lever.CLIENT_OFF, "10.9.9.9", true)), 8);
        assertThat(again.leversChanged()).isFalse();
        assertThat(again.apply()).isSameAs(image);
        assertThat(again.overCap()).hasSize(1);
    }

    @Test
    void tokenAndRuleAddsPastTheirCapsApplyAndEndAtTheCaps() {
        MetaDelta delta = MetaDelta.replaying(MetaImage.EMPTY, aclAddsPastTheCaps(), 9);
        ClientAcl acl = delta.apply().acl();
        assertThat(acl.credentialsOf("orders")).hasSize(ClientAcl.MAX_ACTIVE_PER_APP);
        assertThat(acl.authenticationRefusal("orders", Tokens.hash("token-2"))).isNotNull();
        assertThat(acl.rules()).hasSize(ClientAcl.MAX_RULES);
        assertThat(delta.overCap()).hasSize(2);
    }

    @Test
    void tokensPastTheWholeAclsCapApplyAndEndAtTheCap() {
        List<MetaRecord> records = new ArrayList<>();
        for (int i = 0; i <= ClientAcl.MAX_CREDENTIALS; i++) {
            records.add(new AppCredentialChanged("app" + i / 2, Tokens.hash("t" + i), true));
        }
        MetaDelta delta = MetaDelta.replaying(MetaImage.EMPTY, records, 3);
        assertThat(delta.apply().acl().credentials()).hasSize(ClientAcl.MAX_CREDENTIALS);
        assertThat(delta.overCap()).containsExactly(records.get(ClientAcl.MAX_CREDENTIALS));
    }
}
