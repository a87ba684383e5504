package io.roster.release;

import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release tarball on a bare machine: unpacked into an empty directory, a node started from its bin/roster with
 * only java on the PATH serves /health on its admin port, bin/roster status reads the cluster from it, and SIGTERM
 * stops it. Runs under {@code mvn verify} (failsafe), after the distribution module packaged the tarball.
 */
class ReleaseTarballIT {
    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        UnpackedRelease.kill(started);
    }

    @Test
    @Timeout(180)
    void aNodeStartsFromTheUnpackedTarballWithNothingElseOnThePath() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(tmp);
        Path home = release.home();
        assertLayout(home);

        Path work = tmp.resolve("work");
        List<Integer> ports = FreePorts.free(4);
        int meta = ports.get(0);
        int admin = ports.get(3);
        Process node = release.start(work, "server", "server", "--set", "meta.port=" + meta, "--set", "data.port=" + ports.get(1),
                "--set", "session.port=" + ports.get(2), "--set", "admin.port=" + admin);
        started.add(node);
        await("/health of the node on admin port " + admin).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!node.isAlive()) {
                        throw new AssertionError("the node exited " + node.exitValue() + ":\n" + Files.readString(work.resolve("server.err")));
                    }
                    return UnpackedRelease.httpStatus("http://127.0.0.1:" + admin + "/health") == 200;
                });
        assertThat(Files.readString(work.resolve("server.out"))).contains("roster server up", "meta 127.0.0.1:" + meta);
        assertThat(work.resolve("data/meta-" + meta)).as("roster.data-dir ./data is under the working directory").isDirectory();

        UnpackedRelease.Run status = release.run(work, "status", "--meta", "127.0.0.1:" + meta);
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).as(status.toString()).contains("meta leader: 127.0.0.1:" + meta, "256 slots",
                "data     127.0.0.1:" + ports.get(1), "session  127.0.0.1:" + ports.get(2));

        String log = Files.readString(work.resolve("server.err"));
        assertThat(log).as("slot lists are ranges").contains("slots 0-255 now led here", "leads 256 slots (gained 0-255)")
                .doesNotContainPattern("\\d+, \\d+, \\d+, \\d+, \\d+, \\d+");

        int exit = UnpackedRelease.stop(node);
        assertThat(exit).as("exit code after SIGTERM (143 = 128 + TERM, a clean JVM shutdown)").isIn(0, 143);
        assertThat(Files.readString(work.resolve("server.err"))).contains("meta 127.0.0.1:" + meta + " stopped");
    }

    private static void assertLayout(Path home) throws Exception {
        assertThat(home.resolve("bin/roster")).isExecutable();
        assertThat(home.resolve("conf/roster.properties")).isRegularFile();
        assertThat(home.resolve("conf/roster.service")).content().contains("ExecStart=/opt/roster/bin/roster server");
        assertThat(home.resolve("conf/grafana-roster.json")).isRegularFile();
        assertThat(home.resolve("conf/cluster/meta-1.properties")).isRegularFile();
        assertThat(home.resolve("man/man1/roster.1")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
        String version = home.getFileName().toString().substring("roster-".length());
        assertThat(home.resolve("README")).content().contains("Roster " + version, "bin/roster server", "roster.bind-host")
                .doesNotContain("${project.version}");
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .contains("roster-tools-" + version + ".jar", "roster-meta-raft-" + version + ".jar")
                    .anyMatch(n -> n.startsWith("rocksdbjni-"))
                    .noneMatch(n -> n.startsWith("junit") || n.startsWith("assertj") || n.startsWith("roster-testkit"));
        }
    }
}
