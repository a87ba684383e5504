package io.roster.meta;

import io.roster.common.config.ConfigKeys;
import io.roster.testkit.MetaConfigs;

import java.nio.file.Path;

/** The settings every meta group of these tests shares: 100 ms heartbeats, a 2 s RPC timeout; tests add the rest. */
final class MetaTestGroups {
    private MetaTestGroups() {
    }

    static MetaConfigs group(Path dataDir, int size) {
        return MetaConfigs.group(dataDir, size)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 100)
                .set(ConfigKeys.RPC_TIMEOUT_MS, 2000);
    }
}
