package io.roster.session.catalog;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.ConnectionHandle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.roster.session.catalog.SessionWithFakeMeta.LIMITS;
import static org.assertj.core.api.Assertions.assertThat;

/** The count per revision follows every way a registry's publishers change, including undos and a stale republish. */
class RevisionsInUseTest {
    private static final String V1 = "11111111111111111111111111111111";
    private static final String V2 = "22222222222222222222222222222222";
    private static final String SHOP = AppIds.appDataInfoId("shop", LIMITS);
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9600", 1, 1);

    private final RevisionsInUse inUse = new RevisionsInUse();
    private final ClientRegistry registry = new ClientRegistry(new SlotFunction(16), inUse);
    private final ConnectionHandle connection = ConnectionHandle.alwaysOpen("client");

    private static Publisher instance(String registerId, String revision, long version) {
        return new Publisher(registerId, SHOP, "c", "shop", "", List.of(new AppInstance(revision, "10.0.0.1:80", Map.of())
                .encode()), version, version, SESSION);
    }

    @Test
    void countsFollowStoresReplacementsUndosAndRemovals() {
        Publisher p1 = instance("p1", V1, 1);
        registry.putPublisher(p1, connection);
        registry.putPublisher(instance("p2", V1, 1), connection);
        registry.putPublisher(new Publisher("p3", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "c", "shop", "",
                List.of("10.0.0.1:80".getBytes(StandardCharsets.UTF_8)), 1, 1, SESSION), connection);
        assertThat(inUse.digests()).containsExactly(V1);
        assertThat(inUse.publishersOf(V1)).isEqualTo(2);

        Publisher moved = instance("p1", V2, 2);
        Publisher previous = registry.putPublisher(moved, connection);
        assertThat(inUse.digests()).containsExactlyInAnyOrder(V1, V2);
        assertThat(registry.putPublisher(instance("p1", V1, 1), connection)).as("stale, not stored").isNotNull();
        assertThat(inUse.publishersOf(V1)).isEqualTo(1);

        registry.undoPublisher(moved, previous); // its write failed: p1 serves v1 again
        assertThat(inUse.digests()).containsExactly(V1);
        assertThat(inUse.publishersOf(V1)).isEqualTo(2);

        registry.removePublisher("p2", "c");
        assertThat(inUse.publishersOf(V1)).isEqualTo(1);
        registry.detach(connection);
        assertThat(inUse.digests()).isEmpty();
    }
}
