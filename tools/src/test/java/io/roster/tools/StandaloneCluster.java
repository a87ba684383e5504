package io.roster.tools;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.tools.server.RosterNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A standalone Roster node (meta + data + session in this JVM) on free loopback ports, for tests. */
final class StandaloneCluster implements AutoCloseable {
    private final RosterConfig config;
    private final List<RosterClient> clients = new ArrayList<>();
    private RosterNode node;

    StandaloneCluster(Path dataDir) {
        this.config = RosterConfig.builder()
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.META_PORT, Integer.toString(freePort()))
                .set(ConfigKeys.DATA_PORT, Integer.toString(freePort()))
                .set(ConfigKeys.SESSION_PORT, Integer.toString(freePort()))
                .set(ConfigKeys.ADMIN_PORT, "0")
                .set(ConfigKeys.META_ELECTION_TIMEOUT_MS, "500")
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "200")
                .set(ConfigKeys.LEASE_DURATION_MS, "2000")
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, "10")
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, "300")
                .build();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StandaloneCluster start() {
        node = new RosterNode(config).start();
        await().atMost(Duration.ofSeconds(30)).until(node::isReady);
        return this;
    }

    void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    RosterNode node() {
        return node;
    }

    RosterConfig config() {
        return config;
    }

    String sessionAddress() {
        return "127.0.0.1:" + config.get(ConfigKeys.SESSION_PORT);
    }

    String metaAddress() {
        return config.metaAddress();
    }

    /** An SDK client of this node's session, closed with the cluster. */
    RosterClient client(String app) {
        RosterClient c = RosterClient.builder().sessions(sessionAddress()).appName(app)
                .connectTimeout(Duration.ofSeconds(10)).build();
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        clients.forEach(RosterClient::close);
        clients.clear();
        stop();
    }
}
