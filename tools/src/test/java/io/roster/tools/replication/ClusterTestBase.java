package io.roster.tools.replication;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** What the in-process cluster tests share: a temp dir for the nodes, the cluster, its SDK clients, and their stop. */
abstract class ClusterTestBase {
    @TempDir
    Path dir;
    ReplicationCluster cluster;
    final Clients clients = new Clients();

    @AfterEach
    void stopAll() {
        clients.close();
        if (cluster != null) {
            cluster.close();
        }
    }
}
