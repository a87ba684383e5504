package io.roster.session.push;

import io.roster.common.app.AppIds;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.DatumReply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which push targets a catalog change gives a round, driven change by change as the listener would. */
class CatalogChangesTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private static final String ECHO = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String PROVIDERS = AppIds.providersDataInfoId(ECHO, LIMITS);

    private static Revision revision(String app) {
        return Revision.of(app, List.of(InterfaceSpec.of(ECHO, Map.of(), LIMITS)), LIMITS);
    }

    @Test
    void providersChangedAtAnUnchangedCatalogVersionArePushedAtTheNextVersionThoughThatStepAffectsNothing() {
        AtomicReference<RevisionCatalog> current = new AtomicReference<>(RevisionCatalog.of(10, List.of(revision("orders")),
                List.of()));
        CatalogChanges changes = new CatalogChanges(new Conversions(current::get, (id, since) -> {
            throw new AssertionError("nothing is read");
        }));
        RevisionCatalog first = current.get();
        current.set(first.with(first.version(), revision("billing"))); // registered here: the version stays 10
        assertThat(changes.targets(first, current.get())).contains(PROVIDERS);

        RevisionCatalog registered = current.get();
        current.set(registered.advance(11, List.of(), null, List.of())); // the heartbeat: only the version moves
        assertThat(RevisionCatalog.interfacesAffected(registered, current.get())).isEmpty();
        assertThat(changes.targets(registered, current.get())).as("owed since version 10").containsExactly(PROVIDERS);
        assertThat(changes.targets(current.get(), current.get())).isEmpty();
    }

    @Test
    void aChangeThatRaisesTheVersionOwesNothingLater() {
        AtomicReference<RevisionCatalog> current = new AtomicReference<>(RevisionCatalog.of(10, List.of(), List.of()));
        CatalogChanges changes = new CatalogChanges(new Conversions(current::get, (id, since) -> DatumReply.class.cast(null)));
        RevisionCatalog first = current.get();
        current.set(RevisionCatalog.of(12, List.of(revision("orders")), List.of()));
        assertThat(changes.targets(first, current.get())).containsExactlyInAnyOrder(PROVIDERS, ECHO);
        RevisionCatalog second = current.get();
        current.set(second.advance(13, List.of(), null, List.of()));
        assertThat(changes.targets(second, current.get())).isEmpty();
    }
}
