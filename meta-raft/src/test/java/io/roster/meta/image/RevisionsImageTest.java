package io.roster.meta.image;

import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.meta.state.MetaRecord;
import io.roster.meta.state.MetaState;
import io.roster.meta.state.MetaStateCodec;
import io.roster.meta.state.RecordCodec;
import io.roster.meta.state.RevisionRegistered;
import io.roster.meta.state.RevisionsCollected;
import io.roster.meta.state.SwitchChanged;
import io.roster.common.model.Switch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.roster.meta.image.RevisionFixtures.ECHO;
import static io.roster.meta.image.RevisionFixtures.SHOP_V1;
import static io.roster.meta.image.RevisionFixtures.SHOP_V2;
import static io.roster.meta.image.RevisionFixtures.STOCK;
import static io.roster.meta.image.RevisionFixtures.TIME;
import static io.roster.meta.image.RevisionFixtures.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

/** The revision records replayed onto the image: stamps, the catalog version, collection, "since N", snapshots. */
class RevisionsImageTest {

    private static MetaImage apply(MetaImage base, long index, MetaRecord... records) {
        return MetaDelta.replaying(base, List.of(records), index).apply().atIndex(index);
    }

    @Test
    void aRegistrationMovesTheCatalogToItsEntryAndARepeatIsANoOp() {
        MetaImage first = apply(MetaImage.EMPTY, 7, new RevisionRegistered(SHOP_V1));
        MetaDelta again = MetaDelta.replaying(first, List.of(new RevisionRegistered(SHOP_V1)), 9);

        RevisionCatalog catalog = first.revisions().catalog();
        assertThat(catalog.version()).isEqualTo(7);
        assertThat(catalog.revision(SHOP_V1.digest())).isEqualTo(SHOP_V1);
        assertThat(catalog.providers(ECHO)).containsExactly("shop");
        assertThat(catalog.providers(TIME)).containsExactly("shop");
        assertThat(first.revisions().registeredAt(SHOP_V1.digest())).isEqualTo(7);
        assertThat(again.revisionsChanged()).isFalse();
        assertThat(again.revisionsRegistered()).isEmpty();
        assertThat(again.apply()).isSameAs(first);
    }

    @Test
    void aDeltaSaysWhetherRevisionsChangedAndWhich() {
        MetaDelta switchOnly = MetaDelta.replaying(MetaImage.EMPTY, List.of(new SwitchChanged(Switch.PUSH, false)), 3);
        MetaDelta registration = MetaDelta.replaying(MetaImage.EMPTY, List.of(new RevisionRegistered(SHOP_V1),
                new RevisionRegistered(WAREHOUSE), new RevisionRegistered(SHOP_V1)), 3);

        assertThat(switchOnly.revisionsChanged()).isFalse();
        assertThat(switchOnly.apply().revisions()).isSameAs(RevisionsImage.EMPTY);
        assertThat(registration.revisionsChanged()).isTrue();
        assertThat(registration.revisionsRegistered()).containsExactly(SHOP_V1, WAREHOUSE);
    }

    @Test
    void aCollectionRemovesLiveRevisionsAtItsIndexAndKeepsEveryPair() {
        MetaImage two = apply(apply(MetaImage.EMPTY, 5, new RevisionRegistered(SHOP_V1)), 6, new RevisionRegistered(WAREHOUSE));
        MetaDelta collect = MetaDelta.replaying(two, List.of(new RevisionsCollected(List.of(SHOP_V1.digest(), "0".repeat(32)))), 12);
        MetaImage after = collect.apply().atIndex(12);

        RevisionCatalog catalog = after.revisions().catalog();
        assertThat(collect.revisionsCollected()).containsExactly(SHOP_V1.digest());
        assertThat(catalog.version()).isEqualTo(12);
        assertThat(catalog.revisions()).containsExactly(WAREHOUSE);
        assertThat(catalog.providers(TIME)).isEmpty();
        assertThat(catalog.everProviders(TIME)).containsExactly("shop");
        assertThat(catalog.everProviders(ECHO)).containsExactly("shop", "warehouse");
        assertThat(MetaDelta.replaying(after, List.of(new RevisionsCollected(List.of(SHOP_V1.digest()))), 13).revisionsChanged())
                .as("collecting what is gone already changes nothing").isFalse();
    }

    @Test
    void changesSinceAVersionAreWhatWasStampedAfterItWithEveryLiveDigest() {
        MetaImage a = apply(MetaImage.EMPTY, 4, new RevisionRegistered(SHOP_V1));
        MetaImage b = apply(a, 8, new RevisionRegistered(WAREHOUSE));
        MetaImage c = apply(b, 11, new RevisionRegistered(SHOP_V2), new RevisionsCollected(List.of(SHOP_V1.digest())));
        RevisionsImage revisions = c.revisions();

        RevisionsImage.Changes all = revisions.since(0);
        RevisionsImage.Changes since8 = revisions.since(8);
        RevisionsImage.Changes since11 = revisions.since(11);

        assertThat(all.version()).isEqualTo(11);
        assertThat(all.added()).containsExactlyInAnyOrder(WAREHOUSE, SHOP_V2);
        assertThat(all.pairsAdded()).extracting(InterfaceProviders::interfaceId).containsExactly(ECHO, STOCK, TIME);
        assertThat(since8.added()).containsExactly(SHOP_V2);
        assertThat(since8.liveDigests()).containsExactlyInAnyOrder(WAREHOUSE.digest(), SHOP_V2.digest());
        assertThat(since8.pairsAdded()).as("shop already served Echo at 4; no pair is new").isEmpty();
        assertThat(since11.added()).isEmpty();
        assertThat(since11.liveDigests()).hasSize(2);

        // a session's catalog at 8, moved by the change since 8, equals the whole catalog
        RevisionCatalog at8 = RevisionCatalog.EMPTY.advance(8, revisions.since(0).added().stream()
                .filter(r -> r.equals(WAREHOUSE)).toList(), null, List.of());
        at8 = at8.with(8, SHOP_V1).advance(8, List.of(), null, b.revisions().since(0).pairsAdded());
        RevisionCatalog moved = at8.advance(since8.version(), since8.added(), since8.liveDigests(), since8.pairsAdded());
        assertThat(moved.revisions()).containsExactlyInAnyOrderElementsOf(revisions.catalog().revisions());
        assertThat(moved.pairs()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(revisions.catalog().pairs());
    }

    @Test
    void revisionsSurviveASnapshotWithTheirStampsAndAnEmptyCatalogStoresNothing() {
        MetaImage a = apply(MetaImage.EMPTY, 4, new RevisionRegistered(SHOP_V1), new RevisionRegistered(WAREHOUSE));
        MetaImage b = apply(a, 9, new RevisionRegistered(SHOP_V2), new RevisionsCollected(List.of(WAREHOUSE.digest())));

        MetaState stored = MetaStateCodec.decode(MetaStateCodec.encode(b.toSnapshot()));
        MetaImage loaded = MetaImage.fromSnapshot(stored);

        assertThat(loaded).isEqualTo(b);
        assertThat(stored).isEqualTo(b.toSnapshot());
        assertThat(loaded.revisions().version()).isEqualTo(9);
        assertThat(loaded.revisions().registeredAt(SHOP_V1.digest())).isEqualTo(4);
        assertThat(loaded.revisions().registeredAt(SHOP_V2.digest())).isEqualTo(9);
        assertThat(loaded.revisions().catalog().everProviders(STOCK)).containsExactly("warehouse");
        assertThat(loaded.revisions().since(4).added()).containsExactly(SHOP_V2);
        assertThat(loaded.revisions().since(4).pairsAdded()).isEmpty();
        assertThat(MetaStateCodec.encode(MetaImage.EMPTY.toSnapshot())).isEqualTo(MetaStateCodec.encode(MetaState.EMPTY));
    }

    @Test
    void revisionRecordsRoundTripThroughTheLogCodec() {
        Revision withParams = SHOP_V1;
        List<MetaRecord> records = List.of(new RevisionRegistered(withParams),
                new RevisionsCollected(List.of(WAREHOUSE.digest(), SHOP_V2.digest())));

        List<MetaRecord> back = RecordCodec.decode(RecordCodec.encode(records));

        assertThat(back).containsExactlyElementsOf(records);
        Revision decoded = ((RevisionRegistered) back.get(0)).revision();
        assertThat(decoded.interfaces().get(0).params()).containsEntry("timeout", "3000");
        decoded.check(io.roster.common.model.RegistryLimits.DEFAULTS);
    }
}
