package io.roster.meta.image;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.NodeRole;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Slot;
import io.roster.common.model.SlotTable;
import io.roster.common.model.Switch;
import io.roster.common.model.Switches;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.NodeExpired;
import io.roster.meta.state.NodeJoined;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import io.roster.meta.state.SlotTableChanged;
import io.roster.meta.state.SwitchChanged;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Raft log and the snapshots outlive the code: bytes written by an earlier version must still load. These
 * hex strings were produced by the classes as of commit 13c189c (before the meta image refactor); never
 * regenerate them, add new cases instead.
 */
class StoredFormatTest {
    private static final NodeInfo DATA_1 = node(NodeRole.DATA, "127.0.0.1:9621");
    private static final NodeInfo DATA_2 = node(NodeRole.DATA, "127.0.0.1:9622");
    private static final NodeInfo SESSION = node(NodeRole.SESSION, "127.0.0.1:9601");
    private static final SlotTable TABLE = new SlotTable(2, List.of(new Slot(0, DATA_1.address(), List.of(DATA_2.address()), 1),
            new Slot(1, DATA_2.address(), List.of(DATA_1.address()), 2)));

    /** One log entry: joins of DATA_1, DATA_2, SESSION, the expiry of DATA_2, TABLE, push turned off. */
    private static final String ENTRY = "0801130801122a0b0801120e3132372e302e302e313a393632311b0a0e3132372e302e302e313a39"
            + "3632311064182a1c0c14130801122a0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064"
            + "182a1c0c14130801122a0b0802120e3132372e302e302e313a393630311b0a0e3132372e302e302e313a393630311064182a1c0c14"
            + "130802122a0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064182a1c0c1413080312500b"
            + "0802130800120e3132372e302e302e313a393632311a0e3132372e302e302e313a39363232200114130801120e3132372e302e302e31"
            + "3a393632321a0e3132372e302e302e313a393632312002140c1413080412080a0470757368100014";
    /** A snapshot: DATA_1, DATA_2 and SESSION live, TABLE, push off, applied up to index 17. */
    private static final String STATE = "0b0801120e3132372e302e302e313a393632311b0a0e3132372e302e302e313a3936323110641"
            + "82a1c0c0b0801120e3132372e302e302e313a393632321b0a0e3132372e302e302e313a393632321064182a1c0c130802120e313237"
            + "2e302e302e313a393630311b0a0e3132372e302e302e313a393630311064182a1c141b0802130800120e3132372e302e302e313a3936"
            + "32311a0e3132372e302e302e313a39363232200114130801120e3132372e302e302e313a393632321a0e3132372e302e302e313a3936"
            + "32312002141c20022b08002c3011";
    /** The snapshot of an empty cluster. */
    private static final String EMPTY = "1b08001c20002b2c3000";

    /**
     * Written by the classes of issue 15 (application revisions): a log entry registering SHOP_V1 and collecting
     * WAREHOUSE, and a snapshot of an otherwise empty cluster where SHOP_V1 and WAREHOUSE were registered at index 4
     * and WAREHOUSE collected at 9. Never regenerate them either.
     */
    private static final String REVISION_ENTRY = "080113080512b3010b0a0473686f70122037353736636635383632376231633031396333363733383135363734386234621b"
            + "0a36636f6d2e6578616d706c652e4563686f23402344454641554c545f494e5354414e43455f494423402344454641554c54"
            + "5f47524f5550130b0a0774696d656f75741204333030300c141c1b0a36636f6d2e6578616d706c652e54696d652340234445"
            + "4641554c545f494e5354414e43455f494423402344454641554c545f47524f555013141c0c1413080612220a203230353036"
            + "62343434653136333633366462363836633338653639303538373214";
    private static final String REVISION_STATE = "1b08001c20002b2c30093b0809130b0a0473686f701220373537366366353836323762316330313963333637333831353637"
            + "34386234621b0a36636f6d2e6578616d706c652e4563686f23402344454641554c545f494e5354414e43455f494423402344"
            + "454641554c545f47524f5550130b0a0774696d656f75741204333030300c141c1b0a36636f6d2e6578616d706c652e54696d"
            + "6523402344454641554c545f494e5354414e43455f494423402344454641554c545f47524f555013141c0c1004141b0a3663"
            + "6f6d2e6578616d706c652e4563686f23402344454641554c545f494e5354414e43455f494423402344454641554c545f4752"
            + "4f5550120473686f7018041c1b0a36636f6d2e6578616d706c652e4563686f23402344454641554c545f494e5354414e4345"
            + "5f494423402344454641554c545f47524f5550120977617265686f75736518041c1b0a37636f6d2e6578616d706c652e5374"
            + "6f636b23402344454641554c545f494e5354414e43455f494423402344454641554c545f47524f5550120977617265686f75"
            + "736518041c1b0a36636f6d2e6578616d706c652e54696d6523402344454641554c545f494e5354414e43455f494423402344"
            + "454641554c545f47524f5550120473686f7018041c3c";

    private static NodeInfo node(NodeRole role, String address) {
        return new NodeInfo(role, address, new ProcessId(address, 100, 42));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void aLogEntryWrittenByTheEarlierVersionDecodesAndEncodesToTheSameBytes() {
        List<MetaRecord> expected = List.of(new NodeJoined(DATA_1), new NodeJoined(DATA_2), new NodeJoined(SESSION),
                new NodeExpired(DATA_2), new SlotTableChanged(TABLE), new SwitchChanged(Switch.PUSH, false));

        List<MetaRecord> decoded = RecordCodec.decode(bytes(ENTRY));

        assertThat(decoded).containsExactlyElementsOf(expected);
        assertThat(HexFormat.of().formatHex(RecordCodec.encode(expected))).isEqualTo(ENTRY);

        MetaImage replayed = MetaDelta.replaying(MetaImage.EMPTY, decoded).apply();
        assertThat(replayed.dataNodes()).containsExactly(DATA_1);
        assertThat(replayed.sessionNodes()).containsExactly(SESSION);
        assertThat(replayed.slotTable()).isEqualTo(TABLE);
        assertThat(replayed.switches().pushEnabled()).isFalse();
    }

    @Test
    void aSnapshotWrittenByTheEarlierVersionDecodesAndEncodesToTheSameBytes() {
        MetaState decoded = MetaStateCodec.decode(bytes(STATE));

        assertThat(decoded.dataNodes()).containsExactly(DATA_1, DATA_2);
        assertThat(decoded.sessionNodes()).containsExactly(SESSION);
        assertThat(decoded.slotTable()).isEqualTo(TABLE);
        assertThat(decoded.lastSlotEpoch()).isEqualTo(2);
        assertThat(decoded.switches()).isEqualTo(Switches.DEFAULTS.with(Switch.PUSH, false));
        assertThat(decoded.appliedIndex()).isEqualTo(17);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(decoded))).isEqualTo(STATE);
        MetaImage image = MetaImage.fromSnapshot(decoded);
        assertThat(image.slots().lastEpoch()).isEqualTo(2);
        assertThat(image.appliedIndex()).isEqualTo(17);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(image.toSnapshot()))).isEqualTo(STATE);

        MetaState empty = MetaStateCodec.decode(bytes(EMPTY));
        assertThat(empty.dataNodes()).isEmpty();
        assertThat(empty.slotTable()).isEqualTo(SlotTable.EMPTY);
        assertThat(empty.switches()).isEqualTo(Switches.DEFAULTS);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(empty))).isEqualTo(EMPTY);
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(MetaImage.EMPTY.toSnapshot()))).isEqualTo(EMPTY);
    }

    @Test
    void revisionRecordsAndASnapshotWithRevisionsDecodeAndEncodeToTheSameBytes() {
        List<MetaRecord> expected = List.of(new RevisionRegistered(RevisionFixtures.SHOP_V1),
                new RevisionsCollected(List.of(RevisionFixtures.WAREHOUSE.digest())));

        assertThat(RecordCodec.decode(bytes(REVISION_ENTRY))).containsExactlyElementsOf(expected);
        assertThat(HexFormat.of().formatHex(RecordCodec.encode(expected))).isEqualTo(REVISION_ENTRY);

        MetaState decoded = MetaStateCodec.decode(bytes(REVISION_STATE));
        MetaImage image = MetaImage.fromSnapshot(decoded);
        assertThat(decoded.dataNodes()).isEmpty();
        assertThat(decoded.appliedIndex()).isEqualTo(9);
        assertThat(image.revisions().version()).isEqualTo(9);
        assertThat(image.revisions().catalog().revisions()).containsExactly(RevisionFixtures.SHOP_V1);
        assertThat(image.revisions().registeredAt(RevisionFixtures.SHOP_V1.digest())).isEqualTo(4);
        assertThat(image.revisions().catalog().everProviders(RevisionFixtures.STOCK)).containsExactly("warehouse");
        assertThat(HexFormat.of().formatHex(MetaStateCodec.encode(image.toSnapshot()))).isEqualTo(REVISION_STATE);
        // the old snapshot's bytes still read as a cluster without revisions
        assertThat(MetaImage.fromSnapshot(MetaStateCodec.decode(bytes(STATE))).revisions()).isEqualTo(RevisionsImage.EMPTY);
    }
}
