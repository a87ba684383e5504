package io.roster.common.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.exception.RemotingException;
import com.alipay.remoting.rpc.RpcClient;
import com.alipay.remoting.rpc.RpcServer;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A bolt server on a real socket with a small frame cap, fed by a raw socket and by a real bolt client. */
@Timeout(60)
class FrameSizeGuardTest {
    private static final int CAP = 64 * 1024;
    private static final int GIB = 1 << 30;

    private RpcServer server;
    private RpcClient client;
    private String address;

    /** A payload of any size; hessian-serialized by bolt, so its frame is a little larger than its bytes. */
    static final class Blob implements Serializable {
        final byte[] bytes;

        Blob(int size) {
            bytes = new byte[size];
        }
    }

    @BeforeEach
    void start() {
        server = BoltServers.create("127.0.0.1", 0, CAP);
        server.registerUserProcessor(new SyncUserProcessor<Blob>() {
            @Override
            public Object handleRequest(BizContext context, Blob request) {
                return request.bytes.length;
            }

            @Override
            public String interest() {
                return Blob.class.getName();
            }
        });
        BoltServers.start(server, "test.port");
        address = "127.0.0.1:" + server.port();
        client = new RpcClient();
        client.startup();
    }

    @AfterEach
    void stop() {
        client.shutdown();
        BoltServers.safeShutdown(server);
    }

    private Object send(int size) throws RemotingException, InterruptedException {
        return client.invokeSync(address, new Blob(size), 5000);
    }

    /** A bolt v1 request header (22 bytes) declaring a frame of class, header and content lengths. */
    private static byte[] v1RequestHeader(int classLen, int headerLen, int contentLen) {
        return ByteBuffer.allocate(22).put((byte) 1).put((byte) 1).putShort((short) 1).put((byte) 1).putInt(7)
                .put((byte) 1).putInt(3000).putShort((short) classLen).putShort((short) headerLen).putInt(contentLen).array();
    }

    private static boolean closedByPeer(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false; // still open, waiting for the rest of the frame
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    @Test
    void aHeaderDeclaringAGibibyteBodyIsClosedAtOnceAndTheServerKeepsServing() throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            OutputStream out = raw.getOutputStream();
            out.write(v1RequestHeader(40, 0, GIB));
            out.flush();

            assertThat(closedByPeer(raw)).as("the connection is closed after the header alone").isTrue();
        }

        assertThat(send(1000)).isEqualTo(1000);
    }

    @Test
    void aHeaderSentByteByByteAndANegativeLengthAreRejectedToo() throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            raw.setTcpNoDelay(true);
            OutputStream out = raw.getOutputStream();
            for (byte b : v1RequestHeader(40, 0, GIB)) {
                out.write(b);
                out.flush();
            }
            assertThat(closedByPeer(raw)).isTrue();
        }
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            raw.getOutputStream().write(v1RequestHeader(40, 0, -5));
            assertThat(closedByPeer(raw)).isTrue();
        }
        assertThat(send(10)).isEqualTo(10);
    }

    @Test
    void messagesJustUnderTheCapPassAndOneOverItIsRefused() throws Exception {
        // Many frames on one connection, of varied sizes: the guard must follow every frame boundary exactly.
        for (int size = 0; size < 20_000; size += 997) {
            assertThat(send(size)).isEqualTo(size);
        }
        assertThat(send(CAP - 1024)).isEqualTo(CAP - 1024);

        assertThatThrownBy(() -> send(CAP + 1024)).isInstanceOf(RemotingException.class);

        // The refused connection is gone; the client's next calls reconnect and are served.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> send(CAP - 1024).equals(CAP - 1024));
    }
}
