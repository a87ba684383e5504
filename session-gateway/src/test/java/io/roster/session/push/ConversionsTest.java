package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceProviders;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost of converted lists: a change of an application's datum converts only the instances it names. */
class ConversionsTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String ORDERS = AppIds.appDataInfoId("orders", LIMITS);
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private final Revision revision = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of("t", "1"), LIMITS),
            InterfaceSpec.of(OTHER, Map.of(), LIMITS)), LIMITS);
    private final AtomicReference<RevisionCatalog> catalog = new AtomicReference<>(RevisionCatalog.of(5, List.of(revision),
            List.of(new InterfaceProviders(ECHO, List.of("orders")))));
    private final AtomicReference<Datum> orders = new AtomicReference<>();
    private final AtomicReference<DatumReply> nextDelta = new AtomicReference<>();

    private Publisher instance(int i, long version) {
        byte[] item = new AppInstance(revision.digest(), "10.0.0." + (i % 250) + ":" + (1000 + i), Map.of()).encode();
        return new Publisher("i-" + i, ORDERS, "c", "orders", "", List.of(item), version, i, SESSION);
    }

    private Conversions conversions() {
        return new Conversions(catalog::get, (id, since) -> {
            if (id.equals(ORDERS)) {
                DatumReply delta = nextDelta.get();
                return since > 0 && delta != null && delta.baseVersion() == since ? delta
                        : new DatumReply(ErrorCode.OK, "", orders.get());
            }
            return new DatumReply(ErrorCode.OK, "", Datum.absent(id));
        });
    }

    @Test
    void oneInstanceChangingConvertsOneInstanceAndBuildsADeltaOfOne() {
        List<Publisher> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(instance(i, 1));
        }
        orders.set(new Datum(ORDERS, 7, all));
        Conversions c = conversions();
        assertThat(c.converts(ECHO)).isTrue();
        assertThat(c.converts(PushTargets.of(ECHO, true))).isFalse();
        Conversions.Result first = c.read(ECHO);
        assertThat(first.built().datum().publishers()).hasSize(1000);
        assertThat(first.built().datum().version()).isEqualTo(7 + 5);
        assertThat(new String(first.built().datum().publishers().get(0).data().get(0), StandardCharsets.UTF_8))
                .isEqualTo("10.0.0.0:1000?t=1");
        long converted = c.conversionsOf(ECHO);

        Publisher changed = new Publisher("i-42", ORDERS, "c", "orders", "", List.of(new AppInstance(revision.digest(),
                "10.0.0.42:9", Map.of()).encode()), 2, 42, SESSION);
        all.set(42, changed);
        all.remove(7);
        orders.set(new Datum(ORDERS, 9, all));
        nextDelta.set(DatumReply.delta(ORDERS, 9, 7, List.of(changed), List.of("i-7"), 999));
        assertThat(c.changed(ORDERS)).containsExactly(ECHO);
        Conversions.Result second = c.read(ECHO);

        assertThat(c.conversionsOf(ECHO) - converted).as("only the changed instance is converted").isEqualTo(1);
        assertThat(second.built().delta().changed()).extracting(Publisher::registerId).containsExactly("i-42");
        assertThat(second.built().delta().removed()).containsExactly("i-7");
        assertThat(second.built().datum().version()).isEqualTo(9 + 5);

        // A catalog change that affects another interface leaves this list alone.
        catalog.set(catalog.get().advance(8, List.of(), null, List.of(new InterfaceProviders(OTHER, List.of("orders")))));
        assertThat(c.catalogChanged()).isEmpty();
        assertThat(c.conversionsOf(ECHO) - converted).isEqualTo(1);
        // Nothing wanted: no read, no conversion; the list's catalog term is the current catalog's version.
        assertThat(c.read(ECHO).built().datum().version()).isEqualTo(9 + 8);
        assertThat(c.conversionsOf(ECHO) - converted).isEqualTo(1);
        assertThat(c.sweep(id -> false)).containsExactlyInAnyOrder(ECHO, ORDERS);
        assertThat(c.needs(ORDERS)).isFalse();
    }

    /**
     * The interleaving: the catalog moves (a revision a waiting instance uses is registered) and a round of the list
     * reads before the catalog listener has converted it again. That round's list must not take the new catalog's
     * version, or the conversion that follows would change the list at an equal version, which the SDK's gate drops.
     */
    @Test
    void aRoundBetweenACatalogChangeAndItsConversionKeepsTheVersionSoTheConversionRaisesIt() {
        Revision v1 = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
        catalog.set(RevisionCatalog.of(5, List.of(v1), List.of()));
        Publisher waiting = new Publisher("i-2", ORDERS, "c", "orders", "", List.of(new AppInstance(revision.digest(),
                "10.0.0.2:1", Map.of()).encode()), 1, 2, SESSION);
        Publisher known = new Publisher("i-1", ORDERS, "c", "orders", "", List.of(new AppInstance(v1.digest(),
                "10.0.0.1:1", Map.of()).encode()), 1, 1, SESSION);
        orders.set(new Datum(ORDERS, 7, List.of(known, waiting)));
        Conversions c = conversions();
        Datum first = c.read(ECHO).built().datum();
        assertThat(first.publishers()).extracting(Publisher::registerId).containsExactly("i-1");

        catalog.set(catalog.get().with(8, revision)); // the session's catalog moved; its listener has not run yet
        Datum between = c.read(ECHO).built().datum();
        assertThat(between.publishers()).as("a round converts with the catalog it takes its version from")
                .extracting(Publisher::registerId).containsExactly("i-1", "i-2");
        assertThat(between.version()).isGreaterThan(first.version());
        assertThat(c.catalogChanged()).as("the listener finds it converted already").isEmpty();
        Datum after = c.read(ECHO).built().datum();
        assertThat(after.version()).isEqualTo(between.version());
        assertThat(after.publishers()).isEqualTo(between.publishers());
    }

    /**
     * A revision registered through this session joins its catalog at once at the same catalog version (the version
     * follows with the next heartbeat): a waiting instance it converts would change the list at an equal version, so
     * the list built at that version stays the one built before; the list is owed a rise and gets the next catalog
     * version as its term, even when that change affects nothing else.
     */
    @Test
    void aRevisionAddedAtTheSameCatalogVersionIsPushedWithTheNextCatalogVersion() {
        Revision v1 = Revision.of("orders", List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
        catalog.set(RevisionCatalog.of(5, List.of(v1), List.of()));
        Publisher known = new Publisher("i-1", ORDERS, "c", "orders", "", List.of(new AppInstance(v1.digest(),
                "10.0.0.1:1", Map.of()).encode()), 1, 1, SESSION);
        Publisher waiting = new Publisher("i-2", ORDERS, "c", "orders", "", List.of(new AppInstance(revision.digest(),
                "10.0.0.2:1", Map.of()).encode()), 1, 2, SESSION);
        orders.set(new Datum(ORDERS, 7, List.of(known, waiting)));
        Conversions c = conversions();
        long first = c.read(ECHO).built().datum().version();

        RevisionCatalog before = catalog.get();
        catalog.set(before.with(5, revision)); // registered here: same catalog version
        assertThat(c.catalogChanged()).containsExactly(ECHO);
        Datum same = c.read(ECHO).built().datum();
        assertThat(same.publishers()).as("one version, one list: the change waits for a higher version").hasSize(1);
        assertThat(same.version()).isEqualTo(first);
        assertThat(c.owesRise()).isTrue();

        RevisionCatalog registered = catalog.get();
        catalog.set(registered.advance(9, List.of(), null, List.of())); // the heartbeat: only the version moves
        assertThat(RevisionCatalog.interfacesAffected(registered, catalog.get())).isEmpty();
        assertThat(c.catalogChanged()).containsExactly(ECHO);
        Datum raised = c.read(ECHO).built().datum();
        assertThat(raised.version()).isGreaterThan(same.version()).isGreaterThan(first);
        assertThat(raised.publishers()).hasSize(2);
        assertThat(c.owesRise()).isFalse();
    }
}
