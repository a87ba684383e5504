package io.roster.tools;

import io.roster.common.config.ConfigKeys;
import io.roster.tools.server.RosterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension's two scopes: a static field shares one node across the class, an instance field gives each test its own, gone after it. */
@Timeout(120)
class StandaloneClusterLifecycleTest {
    @RegisterExtension
    static final StandaloneCluster SHARED = new StandaloneCluster();
    @RegisterExtension
    final StandaloneCluster own = new StandaloneCluster();

    private static final Set<RosterNode> SHARED_SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<RosterNode> OWN_SEEN = ConcurrentHashMap.newKeySet();
    private static final List<Path> OWN_DIRS = new CopyOnWriteArrayList<>();

    @Test
    void first() {
        record();
    }

    @Test
    void second() {
        record();
    }

    private void record() {
        assertThat(SHARED.node().isReady()).isTrue();
        assertThat(own.node().isReady()).isTrue();
        assertThat(own.sessionAddress()).isNotEqualTo(SHARED.sessionAddress());
        SHARED_SEEN.add(SHARED.node());
        OWN_SEEN.add(own.node());
        OWN_DIRS.add(Path.of(own.config().get(ConfigKeys.DATA_DIR)));
    }

    @AfterAll
    static void oneSharedNodeAndANodePerTestWhoseDataDirIsGone() {
        assertThat(SHARED_SEEN).hasSize(1);
        assertThat(OWN_SEEN).hasSize(2);
        assertThat(OWN_DIRS).hasSize(2).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }
}
