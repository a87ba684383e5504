package io.roster.dubbo;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.testkit.MetaConfigs;
import io.roster.testkit.TempDirs;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A standalone Roster node (meta + data + session in this JVM, as {@code ./roster server}) on free loopback ports,
 * for a whole test class: {@code @RegisterExtension static final RosterNodeExtension roster = ...}. Short lease and
 * push debounce, so a provider that leaves is seen leaving quickly.
 */
final class RosterNodeExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private RosterConfig config;
    private RosterNode node;

    @Override
    public void beforeAll(ExtensionContext context) {
        dataDir = TempDirs.create("roster-dubbo");
        config = MetaConfigs.standalone(dataDir)
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, 200)
                .set(ConfigKeys.LEASE_DURATION_MS, 2000)
                .set(ConfigKeys.SESSION_PUSH_DEBOUNCE_MS, 10)
                .set(ConfigKeys.SESSION_VERSION_CHECK_INTERVAL_MS, 300)
                .standaloneConfig();
        node = new RosterNode(config).start();
        await().atMost(Duration.ofSeconds(30)).until(node::isReady);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    /** The session address, as a Dubbo registry URL takes it. */
    String sessionAddress() {
        return "127.0.0.1:" + config.get(ConfigKeys.SESSION_PORT);
    }

    /** {@code roster://<meta>?roster.meta=true}: the client takes the live sessions from meta. */
    String metaRegistryUrl() {
        return "roster://" + config.metaAddress() + "?roster.meta=true&file-cache=false";
    }

    /** {@code roster://<session>} with Dubbo's registry cache file off (tests write nothing under the home dir). */
    String registryUrl() {
        return "roster://" + sessionAddress() + "?file-cache=false";
    }
}
