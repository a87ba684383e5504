package io.roster.client.session;

import com.alipay.remoting.rpc.RpcClient;
import io.roster.common.rpc.WireTypes;
import io.roster.common.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A server that accepts every connection and closes it at once must not make the client reconnect in a tight loop. */
@Timeout(30)
class ReconnectHotLoopTest {
    private final AtomicInteger accepted = new AtomicInteger();
    private final ExecutorService acceptor = NamedThreads.pool("closing-server", 1);
    private ServerSocket server;
    private RpcClient rpcClient;
    private SessionLink link;

    @AfterEach
    void tearDown() throws IOException {
        if (link != null) {
            link.close();
        }
        if (rpcClient != null) {
            rpcClient.shutdown();
        }
        if (server != null) {
            server.close();
        }
        NamedThreads.shutdown(acceptor);
    }

    @Test
    void connectionsThatCloseAtOnceAreRetriedWithBackoff() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor.execute(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return; // closed by tearDown
                }
            }
        });
        WireTypes.install();
        rpcClient = new RpcClient();
        // backoff 50, 100, 200, 200... ms: at most about 5 connections per second once at the cap
        link = new SessionLink(rpcClient, List.of("127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), "hot-loop-test");
        rpcClient.startup();
        List<Long> generations = new CopyOnWriteArrayList<>();
        link.start(() -> (connection, address, generation) -> generations.add(generation));

        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() >= 4);
        // over the next second the backoff allows about 5 more; a zero-delay loop would make hundreds
        int before = accepted.get();
        await("at most 8 more connections in 1 s").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> accepted.get() - before <= 8);
        // Each connection the link took into use replayed with the next connection generation, the first with 1.
        link.close();
        assertThat(generations).isNotEmpty();
        assertThat(generations).isEqualTo(LongStream.rangeClosed(1, generations.size()).boxed().toList());
    }
}
