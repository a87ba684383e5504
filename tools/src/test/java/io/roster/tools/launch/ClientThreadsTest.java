package io.roster.tools.launch;

import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.common.wire.ClusterStatusRequest;
import io.roster.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CLI process ends bolt's client I/O threads (which no client's shutdown ends) before it exits. It runs in a child
 * JVM: the group is static, and ending it here would leave the other tests of this JVM without bolt clients.
 */
class ClientThreadsTest {
    /** The child: a call that fails (no server) still starts the workers; prints what it sees before and after. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("before any client: " + ClientThreads.boltWorkersAlive());
            try (RpcCaller caller = new RpcCaller()) {
                caller.call("127.0.0.1:" + args[0], new ClusterStatusRequest("test"), ClusterStatusReply.class, 1000);
            } catch (RpcFailure expected) {
                // nothing listens there
            }
            System.out.println("after close: " + ClientThreads.boltWorkersAlive());
            System.out.println("released: " + ClientThreads.release(5000));
            System.out.println("after release: " + ClientThreads.boltWorkersAlive());
        }
    }

    @Test
    @Timeout(60)
    void releaseEndsTheBoltClientWorkersThatOutliveTheirClient() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsofa.middleware.log.disable=true",
                Probe.class.getName(), String.valueOf(FreePorts.free())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.contains(": ")).toList()).as(out).containsSubsequence(List.of(
                "before any client: false", "after close: true", "released: true", "after release: false"));
    }
}
