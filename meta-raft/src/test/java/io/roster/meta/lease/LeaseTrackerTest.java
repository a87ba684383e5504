package io.roster.meta.lease;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTrackerTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final LeaseTracker lease = new LeaseTracker(3_000, now::get);

    @Test
    void aNodeExpiresOnlyAfterAFullLeaseWithoutHeartbeat() {
        lease.becameLeader();
        now.addAndGet(5_000);
        lease.heard("a");
        lease.heard("b");

        now.addAndGet(2_000);
        lease.heard("b");
        now.addAndGet(1_000);
        assertThat(lease.expired(List.of("a", "b"))).isEmpty();
        assertThat(lease.millisSinceHeard("a")).isEqualTo(3_000);

        now.addAndGet(1);
        assertThat(lease.expired(List.of("a", "b"))).containsExactly("a");
        now.addAndGet(2_000);
        assertThat(lease.expired(List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void aNewLeaderWaitsOneLeaseBeforeExpiringNodesItNeverHeard() {
        lease.heard("a");
        now.addAndGet(60_000);
        lease.becameLeader();

        // "a" and "never" were silent for a minute, but this leader has only just started listening
        assertThat(lease.expired(List.of("a", "never"))).isEmpty();
        assertThat(lease.millisSinceHeard("never")).isZero();

        now.addAndGet(2_000);
        lease.heard("a");
        now.addAndGet(1_000);
        assertThat(lease.expired(List.of("a", "never"))).isEmpty();
        now.addAndGet(1);
        assertThat(lease.expired(List.of("a", "never"))).containsExactly("never");
    }

    @Test
    void pruneKeepsRecentlyHeardAddressesThatAreNotLiveYet() {
        lease.becameLeader();
        lease.heard("old");
        now.addAndGet(4_000);
        lease.heard("joining");

        lease.prune(Set.of());

        // "joining" is kept: forgetting it would make it look unheard since the leader started, so expired
        assertThat(lease.millisSinceHeard("joining")).isZero();
        assertThat(lease.millisSinceHeard("old")).isEqualTo(4_000);
        assertThat(lease.isExpired("joining")).isFalse();
    }
}
