package io.roster.meta.state;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.RegistryLimits;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import io.roster.meta.image.MetaDelta;
import io.roster.meta.image.MetaImage;
import io.roster.testkit.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What meta reads back from disk: a Raft log entry (RecordCodec, replayed onto the image as onApply does) and a
 * snapshot (MetaStateCodec, loaded as StateSnapshotFile.read does). A corrupt record may only raise
 * {@link IllegalArgumentException}, which stops the state machine with a named error (MetaStateMachine.onApply);
 * an entry that decodes must apply without failing.
 */
class MetaCodecFuzzTest {
    private static final NodeInfo DATA = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");
    private static final SlotTable TABLE = new SlotTable(2, List.of(new Slot(0, DATA.address(), List.of(), 1),
            new Slot(1, DATA.address(), List.of(), 2)));
    private static final Revision REVISION = Revision.of("shop",
            List.of(new InterfaceSpec("com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", Map.of("v", "1"))),
            RegistryLimits.DEFAULTS);

    @FuzzTest(maxDuration = "2h")
    void logEntry(byte[] input) {
        List<MetaRecord> records;
        try {
            records = RecordCodec.decode(input);
        } catch (IllegalArgumentException unreadable) {
            return;
        }
        MetaImage base = MetaImage.fromSnapshot(MetaState.of(List.of(DATA), List.of(SESSION), TABLE, 1, Switches.DEFAULTS, 1));
        MetaImage next = MetaDelta.replaying(base, records, 2).apply().atIndex(2);
        assertThat(next).isNotNull();
    }

    @FuzzTest(maxDuration = "2h")
    void snapshot(byte[] input) {
        MetaImage image;
        try {
            image = MetaImage.fromSnapshot(MetaStateCodec.decode(input));
        } catch (IllegalArgumentException unreadable) {
            return;
        }
        assertThat(image).isNotNull();
        assertThat(image.toString()).isNotNull();
    }

    @Test
    void theCorpusHoldsAValidEntryOfEveryRecordTypeAndAValidSnapshot() {
        List<MetaRecord> one = List.of(new NodeJoined(DATA), new NodeExpired(SESSION), new SlotTableChanged(TABLE),
                new SwitchChanged(Switch.values()[0], true), new RevisionRegistered(REVISION),
                new RevisionsCollected(List.of(REVISION.digest())),
                new LeverChanged(io.roster.common.lever.Lever.CLIENT_OFF, "10.0.0.5:4000", true),
                new AppCredentialChanged("orders", io.roster.common.acl.Tokens.hash("a-token-of-the-orders-app-0123456789"), true),
                new AclRuleChanged(io.roster.common.acl.AclRule.parse("orders", "publish", "com.shop.*"), true));
        assertThat(one.stream().map(RecordType::of)).containsExactlyInAnyOrder(RecordType.values());
        FuzzInputs entries = FuzzInputs.of(MetaCodecFuzzTest.class, "logEntry");
        for (MetaRecord r : one) {
            byte[] seed = RecordCodec.encode(List.of(r));
            entries.writeSeedIfAsked("valid-" + RecordType.of(r), seed);
            assertThat(entries.contains(seed)).as(r.toString()).isTrue();
            logEntry(seed);
        }
        byte[] all = RecordCodec.encode(one);
        entries.writeSeedIfAsked("valid-every-record", all);
        assertThat(entries.contains(all)).isTrue();

        FuzzInputs snapshots = FuzzInputs.of(MetaCodecFuzzTest.class, "snapshot");
        // every part of the snapshot form filled: nodes, table, switches, a live revision, levers and the ACL
        List<MetaRecord> kept = new java.util.ArrayList<>(one.subList(0, 5));
        kept.addAll(one.subList(6, one.size()));
        MetaImage image = MetaDelta.replaying(MetaImage.EMPTY, kept, kept.size()).apply().atIndex(kept.size());
        byte[] state = MetaStateCodec.encode(image.toSnapshot());
        snapshots.writeSeedIfAsked("valid-state", state);
        assertThat(snapshots.contains(state)).isTrue();
        snapshot(state);
    }

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 100, 42));
    }
}
