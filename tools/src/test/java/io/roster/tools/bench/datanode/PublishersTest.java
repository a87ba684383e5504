package io.roster.tools.bench.datanode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** `roster bench data` as documented (100,000 publishers) must not pass the session's per-client limit. */
class PublishersTest {

    @Test
    void theDocumentedLoadIsSpreadSoNoClientPassesTheSessionsLimit() {
        int clients = Publishers.clientsFor(100_000, 10_000);
        assertThat(clients).isGreaterThanOrEqualTo(10);
        assertThat((100_000 + clients - 1) / clients).as("the most any one client holds").isLessThanOrEqualTo(10_000);
    }

    @Test
    void aSmallLoadStillUsesEightClientsAndAnUnevenOneRoundsUp() {
        assertThat(Publishers.clientsFor(1_000, 10_000)).isEqualTo(Publishers.MIN_CLIENTS);
        assertThat(Publishers.clientsFor(100_001, 10_000)).isEqualTo(11);
        assertThat(Publishers.clientsFor(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    }
}
