package io.roster.tools.cluster;

import io.roster.common.model.NodeRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which process a pid file names, without launching a node: a stand-in process that carries the node's config path
 * on its command line, like {@code roster server --config FILE}, and a pid file whose age the test sets.
 */
@Timeout(30)
class NodeProcessesTest {
    private static final NodeName META_1 = new NodeName(NodeRole.META, 1);

    @TempDir
    Path tmp;
    private Process standIn;

    @AfterEach
    void killStandIn() {
        if (standIn != null) {
            standIn.destroyForcibly();
        }
    }

    /** {@code sh -c 'sleep 60' CONFIG}: the config path shows among its arguments, as $0. */
    private ProcessHandle startStandIn(ClusterDir dir) throws Exception {
        standIn = new ProcessBuilder("sh", "-c", "sleep 60", dir.config(META_1).toString()).start();
        Files.writeString(dir.pidFile(META_1), standIn.pid() + "\n");
        return standIn.toHandle();
    }

    @Test
    void aPidFileNamesItsProcessOnlyIfThatStartedWhenTheFileWasWritten() throws Exception {
        ClusterDir dir = new ClusterDir(tmp);
        NodeProcesses processes = new NodeProcesses(dir, JvmCommand.ofThisJvm());
        ProcessHandle h = startStandIn(dir);
        assertThat(processes.running(META_1)).contains(h);

        // a pid file written long after the process started: that process is older than the node the file names
        Files.setLastModifiedTime(dir.pidFile(META_1), FileTime.from(Instant.now().plus(Duration.ofHours(1))));
        assertThat(processes.running(META_1)).isEmpty();
        // a pid file older than the process: the node died and its pid went to this process
        Files.setLastModifiedTime(dir.pidFile(META_1), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(processes.running(META_1)).isEmpty();

        assertThat(processes.stop(List.of(META_1), Duration.ofMillis(100))).isEmpty();
        assertThat(processes.kill(META_1, Duration.ofMillis(100))).isFalse();
        assertThat(h.isAlive()).as("an unrecognised process is never signalled").isTrue();
    }

    @Test
    void aProcessWithoutTheNodesConfigOnItsCommandLineIsNotTheNode() throws Exception {
        ClusterDir dir = new ClusterDir(tmp);
        Files.writeString(dir.pidFile(META_1), ProcessHandle.current().pid() + "\n");
        assertThat(new NodeProcesses(dir, JvmCommand.ofThisJvm()).running(META_1)).isEmpty();
    }

    @Test
    void aDirectoryReachedThroughASymlinkIsNamedByItsRealPath() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThat(new ClusterDir(link).path()).isEqualTo(real.toRealPath());
        // not there yet (a new cluster): the existing part is resolved, the rest kept
        assertThat(new ClusterDir(link.resolve("new/c")).path()).isEqualTo(real.toRealPath().resolve("new/c"));

        // a node recorded through one spelling is found through the other
        ProcessHandle h = startStandIn(new ClusterDir(real));
        assertThat(new NodeProcesses(new ClusterDir(link), JvmCommand.ofThisJvm()).running(META_1)).contains(h);
    }
}
