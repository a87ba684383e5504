package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating a cluster directory leaves nothing behind when it fails, or when no node of it ever started. */
class LocalClusterCreateTest {
    private static final ClusterLayout LAYOUT = new ClusterLayout(1, 1, 1);

    @TempDir
    Path tmp;

    @Test
    void aBadSetWritesNothing() {
        Path dir = tmp.resolve("c");
        LocalCluster cluster = LocalCluster.in(dir);
        assertThatThrownBy(() -> cluster.create(LAYOUT, "127.0.0.1", Map.of("lease.duration-ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lease.duration-ms").hasMessageContaining("--set");
        assertThat(dir).doesNotExist();

        // the directory is as good as new: the same command with a good value creates the cluster
        cluster.create(LAYOUT, "127.0.0.1", Map.of("lease.duration-ms", "1500"));
        assertThat(cluster.nodes()).hasSize(3);
    }

    @Test
    void aWriteThatFailsHalfwayRemovesWhatItWrote() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("c"));
        Files.writeString(dir.resolve("notes.txt"), "the operator's own file");
        // a directory where the cluster file goes: the node configs are written, then the cluster file fails
        Files.createDirectories(ClusterFile.in(dir).resolve("blocker"));
        LocalCluster cluster = LocalCluster.in(dir);

        assertThatThrownBy(() -> cluster.create(LAYOUT, "127.0.0.1", Map.of())).isInstanceOf(UncheckedIOException.class);

        assertThat(new ClusterDir(dir).nodes()).isEmpty();
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(dir.resolve(ClusterFile.NAME + ".tmp")).doesNotExist();
    }

    @Test
    void aStartWhereNoNodeRanTakesTheNewClusterBack() {
        Path dir = tmp.resolve("c");
        LocalCluster cluster = new LocalCluster(new ClusterDir(dir), new JvmCommand(tmp.resolve("no-such-java"), "", List.of()));
        cluster.create(LAYOUT, "127.0.0.1", Map.of());
        assertThatThrownBy(() -> cluster.start(Duration.ofSeconds(5))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot start meta-1");

        assertThat(cluster.removeUnstarted()).isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aClusterANodeOfWhichRanIsKept() throws Exception {
        Path dir = tmp.resolve("c");
        LocalCluster cluster = LocalCluster.in(dir);
        cluster.create(LAYOUT, "127.0.0.1", Map.of());
        Files.writeString(cluster.dir().pidFile(cluster.nodes().get(0)), "1\n");

        assertThat(cluster.removeUnstarted()).isFalse();
        assertThat(cluster.nodes()).hasSize(3);
        assertThat(LocalCluster.in(dir).removeUnstarted()).as("only the instance that created it may").isFalse();
    }
}
