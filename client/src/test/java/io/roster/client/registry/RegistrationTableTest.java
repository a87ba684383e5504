package io.roster.client.registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationTableTest {
    private final RegistrationTable table = new RegistrationTable();

    @Test
    void theVersionGateLetsAFirstVersionZeroThroughAndOnlyNewerVersionsAfter() {
        SubscriptionRecord s = new SubscriptionRecord("r1", "d", (id, data, v) -> { });
        assertThat(s.advanceTo(0)).isTrue();
        assertThat(s.advanceTo(0)).isFalse();
        assertThat(s.advanceTo(7)).isTrue();
        assertThat(s.advanceTo(5)).isFalse();
        assertThat(s.advanceTo(7)).isFalse();
        assertThat(s.advanceTo(8)).isTrue();
        assertThat(s.lastDelivered()).isEqualTo(8);
    }

    @Test
    void republishMakesTheNextVersionAndUndoRestoresOnlyWhatItReplaced() {
        PublisherRecord v1 = PublisherRecord.first("p1", "d", List.of(new byte[] {1}));
        PublisherRecord v2 = v1.next(List.of(new byte[] {2}));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.registerId()).isEqualTo("p1");

        table.putPublisher(v2);
        table.replacePublisher(v2, v1);
        assertThat(table.publisher("p1")).isSameAs(v1);
        table.replacePublisher(v2, null); // v2 is no longer there: nothing happens
        assertThat(table.publisher("p1")).isSameAs(v1);
        table.replacePublisher(v1, null);
        assertThat(table.publisher("p1")).isNull();
    }

    @Test
    void aSnapshotIsACopyOfEveryLiveRegistration() {
        PublisherRecord p = PublisherRecord.first("p1", "d", List.of(new byte[] {1}));
        SubscriptionRecord s = new SubscriptionRecord("s1", "d", (id, data, v) -> { });
        table.putPublisher(p);
        table.putSubscriber(s);
        RegistrationSnapshot snapshot = table.snapshot();
        table.removePublisher("p1");
        table.removeSubscriber(s);
        assertThat(snapshot.publishers()).containsExactly(p);
        assertThat(snapshot.subscribers()).containsExactly(s);
        assertThat(snapshot.size()).isEqualTo(2);
        assertThat(table.snapshot().size()).isZero();
    }
}
