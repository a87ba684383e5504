package io.roster.tools.replication;

import io.roster.common.config.ConfigKey;
import io.roster.testkit.TempDirs;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * A JUnit 5 extension that owns the multi-node cluster a test method starts (its size and settings chosen by the
 * test) and the SDK clients it opens: after the method, whatever happened, the clients close, then every node,
 * then its data dir goes.
 */
final class ReplicationClusters implements AfterEachCallback {
    private final Clients clients = new Clients();
    private Path dir;
    private ReplicationCluster cluster;

    /** Starts meta, {@code dataNodes} data nodes and {@code sessionNodes} sessions, and waits until balanced. */
    ReplicationCluster start(int dataNodes, int sessionNodes) {
        return start(dataNodes, sessionNodes, Map.of());
    }

    /** As {@link #start(int, int)}, with {@code settings} over the test timings. */
    ReplicationCluster start(int dataNodes, int sessionNodes, Map<ConfigKey<?>, String> settings) {
        if (cluster != null) {
            throw new IllegalStateException("this test already started a cluster");
        }
        dir = TempDirs.create("roster-replication");
        cluster = ReplicationCluster.start(dir, dataNodes, sessionNodes, settings);
        return cluster;
    }

    /** The SDK clients of this test, closed before the cluster. */
    Clients clients() {
        return clients;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            clients.close();
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            cluster = null;
            TempDirs.delete(dir);
            dir = null;
        }
    }
}
