package io.roster.tools;

import io.roster.client.RosterClient;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `roster pub` in its own JVM, killed with SIGKILL: its publisher disappears and the subscriber is pushed the empty list. */
@Timeout(120)
class PublisherProcessKillTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private Process publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.destroyForcibly();
        }
    }

    @Test
    void killMinusNineOfThePublishingProcessPushesTheEmptyList() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dsofa.middleware.log.disable=true",
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), RosterMain.class.getName(),
                "pub", "--sessions", cluster.sessionAddress(), "svc.kill", "10.0.0.1:12200"));
        publisher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pub.out").toFile()).start();

        try (RosterClient consumer = RosterClient.builder().sessions(cluster.sessionAddress()).appName("consumer").build()) {
            PushRecorder listener = new PushRecorder();
            consumer.subscribe("svc.kill", listener::onData);
            await().atMost(Duration.ofSeconds(60)).until(() -> List.of("10.0.0.1:12200").equals(listener.lastData()));

            publisher.destroyForcibly();
            assertThat(publisher.waitFor()).isNotZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastData().isEmpty());
            assertThat(listener.versionsOnlyRise()).isTrue();
        }
    }

}
