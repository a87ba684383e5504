package io.roster.meta.image;

import io.roster.common.acl.AclAction;
import io.roster.common.acl.AclRule;
import io.roster.common.acl.ClientAcl;
import io.roster.common.acl.Tokens;
import io.roster.common.lever.Lever;
import io.roster.common.wire.AclRequest;
import io.roster.meta.rpc.AclHandler;
import io.roster.meta.state.AclRuleChanged;
import io.roster.meta.state.AppCredentialChanged;
import io.roster.meta.state.LeverChanged;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.RecordCodec;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client ACL in meta: records (tags 8 and 9), their replay rule, the image and the snapshot form. */
class AclImageTest {
    private static final String HASH_A = Tokens.hash("token-a");
    private static final String HASH_B = Tokens.hash("token-b");

    /**
     * A log entry of the first version with ACLs: a token of app orders (hash of "token-a"), its revocation by id,
     * and the rule allow orders publish com.shop.*. Pinned: the log outlives the code; never regenerate it.
     */
    private static final String ACL_ENTRY = "0801130808124c0a066f72646572731240613730626635306535333163653161383137353631663266356435623636343564"
            + "3465383036626563663538636363356538636636623830343561303930613818011413080812180a066f7264657273120c61"
            + "3730626635306535333163180014130809121f0a066f726465727312077075626c6973681a0a636f6d2e73686f702e2a2001"
            + "14";

    private static List<MetaRecord> records() {
        return List.of(new AppCredentialChanged("orders", HASH_A, true),
                new AppCredentialChanged("orders", Tokens.idOf(HASH_A), false),
                new AclRuleChanged(AclRule.parse("orders", "publish", "com.shop.*"), true));
    }

    @Test
    void aclRecordsRoundTripAndAPinnedEntryStillDecodes() {
        byte[] encoded = RecordCodec.encode(records());
        assertThat(RecordCodec.decode(encoded)).containsExactlyElementsOf(records());
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(ACL_ENTRY);
        assertThat(RecordCodec.decode(HexFormat.of().parseHex(ACL_ENTRY))).containsExactlyElementsOf(records());
    }

    @Test
    void aRecordThisVersionWouldNotTakeFailsTheEntry() {
        byte[] badHash = RecordCodec.encode(List.of(new AppCredentialChanged("orders", "not-a-hash", true)));
        assertThatThrownBy(() -> RecordCodec.decode(badHash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lower-case hex");
        byte[] badApp = RecordCodec.encode(List.of(new AppCredentialChanged("a b", HASH_A, true)));
        assertThatThrownBy(() -> RecordCodec.decode(badApp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a b'");
    }

    @Test
    void replayAddsRevokesAndRulesStampedWithTheEntryIndex() {
        MetaImage one = MetaDelta.replaying(MetaImage.EMPTY, List.of(new AppCredentialChanged("orders", HASH_A, true),
                new AclRuleChanged(AclRule.parse("orders", "subscribe", "*"), true)), 5).apply();
        assertThat(one.acl().version()).isEqualTo(5);
        assertThat(one.acl().authenticationRefusal("orders", HASH_A)).isNull();
        assertThat(one.acl().allows("orders", AclAction.SUBSCRIBE, "x")).isTrue();

        MetaDelta again = MetaDelta.replaying(one, List.of(new AppCredentialChanged("orders", HASH_A, true)), 6);
        assertThat(again.aclChanged()).isFalse();
        assertThat(again.apply()).isSameAs(one);

        MetaDelta revoke = MetaDelta.replaying(one, List.of(new AppCredentialChanged("orders", "", false)), 7);
        assertThat(revoke.aclChanged()).isTrue();
        assertThat(revoke.apply().acl().authenticationRefusal("orders", HASH_A)).contains("was revoked");
        assertThat(revoke.apply().acl().version()).isEqualTo(7);
        assertThat(revoke.apply().levers()).isEqualTo(one.levers());
    }

    @Test
    void theAdminChangeIsCheckedBeforeItIsLogged() {
        ClientAcl acl = ClientAcl.NONE.withToken("orders", HASH_A, 1).withToken("orders", HASH_B, 2);
        assertThatThrownBy(() -> AclHandler.checkedChange(acl,
                new AclRequest(AclRequest.TOKEN_ADD, "orders", "", Tokens.hash("c")), 3)).isInstanceOf(ClientAcl.AclLimitException.class);
        assertThatThrownBy(() -> AclHandler.checkedChange(acl,
                new AclRequest(AclRequest.TOKEN_REVOKE, "billing", "", ""), 3)).hasMessageContaining("holds no live token");
        assertThat(AclHandler.checkedChange(acl, new AclRequest(AclRequest.DENY, "orders", "publish", "x.*"), 3))
                .isEqualTo(new AclRuleChanged(AclRule.parse("orders", "publish", "x.*"), false));
    }

    @Test
    void theAclSurvivesTheSnapshotAfterTheLeversAndOldSnapshotsStillRead() {
        MetaImage withLevers = MetaDelta.replaying(MetaImage.EMPTY, List.of(new LeverChanged(Lever.GRAY_PUSH, "10.0.0.7", true)), 2)
                .apply().atIndex(2);
        byte[] leversOnly = MetaStateCodec.encode(withLevers.toSnapshot());
        MetaImage image = MetaDelta.replaying(withLevers, records(), 3).apply().atIndex(3);

        MetaState back = MetaStateCodec.decode(MetaStateCodec.encode(image.toSnapshot()));
        MetaImage loaded = MetaImage.fromSnapshot(back);
        assertThat(loaded).isEqualTo(image);
        assertThat(loaded.acl().credentialsOf("orders")).hasSize(1);
        assertThat(loaded.acl().rules()).containsExactly(AclRule.parse("orders", "publish", "com.shop.*"));
        assertThat(loaded.levers().grayPushIps()).containsExactly("10.0.0.7");
        assertThat(MetaDelta.loading(MetaImage.EMPTY, loaded).aclChanged()).isTrue();

        // A snapshot written before ACLs (levers set, no ACL field) reads as having no ACL, with its levers.
        MetaImage old = MetaImage.fromSnapshot(MetaStateCodec.decode(leversOnly));
        assertThat(old.acl()).isEqualTo(ClientAcl.NONE);
        assertThat(old.levers().grayPushIps()).containsExactly("10.0.0.7");
        // A state with no ACL encodes to the bytes it had before ACLs (StoredFormatTest pins the empty one).
        assertThat(MetaStateCodec.encode(withLevers.toSnapshot())).isEqualTo(leversOnly);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(MetaImage.EMPTY.toSnapshot()))).isEqualTo("1b08001c20002b2c3000");
    }
}
