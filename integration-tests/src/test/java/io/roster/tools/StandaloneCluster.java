package io.roster.tools;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A standalone Roster node (meta + data + session in this JVM) on free loopback ports, owned by JUnit 5:
 * {@code @RegisterExtension final StandaloneCluster cluster = new StandaloneCluster();} gives each test method a
 * started node, a {@code static} field one node for the whole class. The node, its data dir and the SDK clients
 * opened with {@link #client} are closed and deleted after the test (or the class), whatever happened.
 */
public final class StandaloneCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final List<RosterClient> clients = new ArrayList<>();
    private final Map<ConfigKey<?>, Object> overrides = new LinkedHashMap<>();
    private boolean perClass;
    private Path dataDir;
    private RosterConfig config;
    private RosterNode node;

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Sets {@code key} to {@code value} on the node, over this class's test settings (call before it starts). */
    public StandaloneCluster with(ConfigKey<?> key, Object value) {
        overrides.put(key, value);
        return this;
    }

    /** Picks the ports (kept across {@link #stop()} and {@link #start()}) and starts the node. */
    private void open() {
        dataDir = TempDirs.create("roster-standalone");
        MetaConfigs settings = MetaConfigs.standalone(dataDir)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 2000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10)
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, 300);
        overrides.forEach(settings::set);
        config = settings.standaloneConfig();
        start();
    }

    /** Starts the node again (after {@link #stop()}) on the same ports and data dir, and waits until it is ready. */
    public StandaloneCluster start() {
        node = new RosterNode(config).start();
        await().atMost(Duration.ofSeconds(30)).until(node::isReady);
        return this;
    }

    /** Stops the node, as a whole-server restart's first half. */
    public void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    public RosterNode node() {
        return node;
    }

    public RosterConfig config() {
        return config;
    }

    public String sessionAddress() {
        return "127.0.0.1:" + config.get(ConfigKeys.SESSION_PORT);
    }

    public String metaAddress() {
        return config.metaAddress();
    }

    /** An SDK client of this node's session, closed with the node. */
    public RosterClient client(String app) {
        return track(RosterClient.builder().sessions(sessionAddress()).appName(app).connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** As {@link #client(String)}, reconnecting after 50 ms, backing off to at most {@code maxReconnectBackoff}. */
    public RosterClient client(String app, Duration maxReconnectBackoff) {
        return track(RosterClient.builder().sessions(sessionAddress()).appName(app).connectTimeout(Duration.ofSeconds(10))
                .reconnectBackoff(Duration.ofMillis(50), maxReconnectBackoff).build());
    }

    /** Closes {@code client}, built by the test, with the node. */
    public RosterClient track(RosterClient client) {
        clients.add(client);
        return client;
    }

    private void close() {
        try {
            clients.forEach(RosterClient::close);
            clients.clear();
            stop();
        } finally {
            TempDirs.delete(dataDir);
            dataDir = null;
        }
    }
}
