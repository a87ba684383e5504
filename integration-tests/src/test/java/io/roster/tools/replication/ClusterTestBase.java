package io.roster.tools.replication;

import org.junit.jupiter.api.extension.RegisterExtension;

/** What the in-process cluster tests share: the cluster a test starts and its SDK clients, closed after it. */
abstract class ClusterTestBase {
    @RegisterExtension
    final ReplicationClusters clusters = new ReplicationClusters();
    final Clients clients = clusters.clients();
    ReplicationCluster cluster;
}
