package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a stored publisher costs: the identities publishers repeat are held once per data node, however each
 * publisher entered the store, and its data sits in an exact-size list. Publishers are decoded from the wire
 * encoding first, as they reach a data node, so no two share a string before they are stored.
 */
class StoreFootprintTest {
    private static final String SVC = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String OTHER = "com.example.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:9601", 1000, 11);
    private static final long EPOCH = 3;
    private static final Class<?> EXACT_SIZE_LIST = List.of(new byte[0]).getClass();

    private final InMemorySlotStore store = new InMemorySlotStore();

    /** A publisher as it arrives: decoded from its own bytes, sharing no instance with any other. */
    private static Publisher arriving(String registerId, String dataInfoId, long registeredAt) {
        Publisher p = new Publisher(registerId, dataInfoId, "client-1", "app", "zone-a",
                new ArrayList<>(List.of(("10.0.0.1:" + registerId).getBytes(StandardCharsets.UTF_8))), 1, registeredAt, SESSION);
        return Protostuff.decode(Protostuff.encode(p), Publisher.class);
    }

    private static void assertShared(Publisher a, Publisher b) {
        assertThat(a.clientId()).isSameAs(b.clientId());
        assertThat(a.appName()).isSameAs(b.appName());
        assertThat(a.zone()).isSameAs(b.zone());
        assertThat(a.sessionProcessId()).isSameAs(b.sessionProcessId());
        assertThat(a.data()).isInstanceOf(EXACT_SIZE_LIST);
        assertThat(b.data()).isInstanceOf(EXACT_SIZE_LIST);
    }

    @Test
    void publishersDecodedApartShareTheirIdentitiesOnceStored() {
        Publisher a = arriving("r1", SVC, 100), b = arriving("r2", SVC, 101), c = arriving("r3", OTHER, 102);
        assertThat(a.dataInfoId()).isNotSameAs(b.dataInfoId()); // the premise: nothing shared on arrival
        assertThat(a.sessionProcessId()).isNotSameAs(b.sessionProcessId());

        store.put(1, a, EPOCH);
        store.put(1, b, EPOCH);
        store.put(2, c, EPOCH);

        List<Publisher> held = store.get(SVC).publishers();
        Publisher other = store.get(OTHER).publishers().get(0);
        assertThat(held).containsExactly(a, b).allSatisfy(p -> assertThat(p.dataInfoId()).isSameAs(held.get(0).dataInfoId()));
        assertShared(held.get(0), held.get(1));
        assertShared(held.get(0), other); // across datums and slots as well
    }

    @Test
    void everyWayIntoTheStoreSharesThem() {
        store.put(1, arriving("r1", SVC, 100), EPOCH);
        store.syncSession(1, SESSION, 1_000, List.of(arriving("r1", SVC, 100), arriving("r2", SVC, 101)), EPOCH);

        InMemorySlotStore follower = new InMemorySlotStore();
        Datum sent = Protostuff.decode(Protostuff.encode(store.get(SVC)), Datum.class);
        follower.install(1, EPOCH, sent);
        follower.install(2, EPOCH, Protostuff.decode(Protostuff.encode(new Datum(OTHER, 9, List.of(arriving("r3", OTHER, 1)))), Datum.class));

        InMemorySlotStore restored = new InMemorySlotStore();
        restored.restore(1, Protostuff.decode(Protostuff.encode(store.get(SVC)), Datum.class));
        restored.restore(2, Protostuff.decode(Protostuff.encode(new Datum(OTHER, 9, List.of(arriving("r3", OTHER, 1)))), Datum.class));

        for (InMemorySlotStore s : List.of(store, follower, restored)) {
            List<Publisher> held = s.get(SVC).publishers();
            assertThat(held).extracting(Publisher::registerId).containsExactly("r1", "r2");
            assertShared(held.get(0), held.get(1));
            assertThat(held.get(0).dataInfoId()).isSameAs(held.get(1).dataInfoId());
        }
        for (InMemorySlotStore s : List.of(follower, restored)) {
            assertShared(s.get(SVC).publishers().get(0), s.get(OTHER).publishers().get(0));
        }
    }
}
