package io.roster.spring;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A standalone Roster node (meta, data and session in this JVM) on free loopback ports with a fresh data dir, with
 * the short intervals the integration tests use; {@link #close()} stops it and deletes the dir.
 */
public final class RosterTestNode implements AutoCloseable {
    private final Path dataDir = TempDirs.create("roster-spring");
    private final RosterConfig config;
    private final RosterNode node;

    public RosterTestNode() {
        config = MetaConfigs.standalone(dataDir)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 2000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10)
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, 300)
                .standaloneConfig();
        node = new RosterNode(config).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(node::isReady);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The session address, as {@code roster.sessions} takes it. */
    /** The meta address, as {@code roster.meta-servers} takes it. */
    public String metaServers() {
        return config.metaAddress();
    }

    public String sessions() {
        return "127.0.0.1:" + config.get(ConfigKeys.SESSION_PORT);
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            TempDirs.delete(dataDir);
        }
    }
}
