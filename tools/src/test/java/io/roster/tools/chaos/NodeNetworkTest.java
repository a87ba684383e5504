package io.roster.tools.chaos;

import io.roster.common.model.NodeRole;
import io.roster.testkit.FreePorts;
import io.roster.tools.cluster.NodeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The link cuts of partition faults, on real processes: a probe process launched as one node keeps a connection to
 * an echo process launched as another; a cut stalls that connection, the harness itself (outside every node's
 * cgroup) still reaches the echo, and a heal lets the probe through again. Needs root, iptables and cgroup v2, as
 * the chaos run does (.ci/run installs iptables).
 */
class NodeNetworkTest {
    private final List<Process> processes = new ArrayList<>();
    private NodeNetwork network;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Timeout(120)
    void aCutStallsTheLinkBetweenTwoNodesOnlyAndAHealRestoresIt() throws Exception {
        network = NodeNetwork.open();
        int echoPort = FreePorts.free();
        NodeName echo = new NodeName(NodeRole.DATA, 1);
        NodeName probe = new NodeName(NodeRole.SESSION, 1);
        launch(echo, "serve", echoPort);
        BlockingQueue<String> results = lines(launch(probe, "probe", echoPort));
        awaitResult(results, "ok");

        int probePort = FreePorts.free(); // the probe serves nothing: any port stands for it
        network.cut(probe.toString(), probePort, echo.toString(), echoPort);
        awaitResult(results, "fail");
        // Outside the nodes' cgroups, the harness still reaches the echo.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", echoPort)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write(7);
            assertThat(s.getInputStream().read()).isEqualTo(7);
        }
        awaitResult(results, "fail");

        network.heal(probe.toString(), probePort, echo.toString(), echoPort);
        awaitResult(results, "ok");
    }

    /** Waits for {@code want}, skipping what came before (the probe keeps printing). */
    private static void awaitResult(BlockingQueue<String> results, String want) {
        results.clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> want.equals(results.poll(1, TimeUnit.SECONDS)));
    }

    private Process launch(NodeName node, String mode, int port) throws Exception {
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), LinkProbe.class.getName(), mode, Integer.toString(port));
        Process p = new ProcessBuilder(network.wrap(node, java)).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    q.add(line.trim());
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return q;
    }
}
