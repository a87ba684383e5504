package io.roster.tools.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {
    @Test
    void portsAreDistinctAndBelowTheEphemeralRange() {
        List<Integer> ports = FreePorts.pick("127.0.0.1", 16);
        assertThat(new HashSet<>(ports)).hasSize(16);
        // A node's port must survive its restarts: outgoing connections take ports from the ephemeral range.
        assertThat(ports).allSatisfy(p -> assertThat(p).isBetween(10_000, FreePorts.ephemeralLow() - 1));
    }
}
