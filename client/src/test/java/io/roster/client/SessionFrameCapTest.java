package io.roster.client;

import io.roster.client.push.PushHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile or broken session announcing a huge push frame: the SDK closes the connection as soon as the frame's
 * header declares more than {@link RosterClientBuilder#MAX_FRAME_BYTES}, instead of buffering what follows (bolt's
 * decoder would wait for, and hold, up to 2 GiB). A frame under the cap whose body is still coming keeps the
 * connection (the control: nothing else closes it in the same time).
 */
class SessionFrameCapTest {
    @Test
    void aSessionAnnouncingAFrameOverTheCapIsDisconnectedAndOneUnderItIsNot() throws Exception {
        assertThat(connectionAfterHeader(RosterClientBuilder.MAX_FRAME_BYTES + 1L)).as("over the cap").isEqualTo("closed");
        assertThat(connectionAfterHeader(1024)).as("under the cap, body pending").isEqualTo("open");
        assertThat((long) RosterClientBuilder.MAX_FRAME_BYTES).isGreaterThan(PushHandler.MAX_PUSH_BYTES);
    }

    /** Accepts the client's connection, sends a push frame header declaring {@code frameBytes}, watches for 3 s. */
    private static String connectionAfterHeader(long frameBytes) throws IOException {
        try (ServerSocket session = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RosterClient client = RosterClient.builder().sessions(List.of("127.0.0.1:" + session.getLocalPort()))
                     .appName("orders").deltaPush(false).livenessCheck(Duration.ZERO, Duration.ofSeconds(1))
                     .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(30)).build();
             Socket link = session.accept()) {
            OutputStream out = link.getOutputStream();
            out.write(pushRequestHeader(frameBytes));
            out.flush();
            link.setSoTimeout(3000);
            InputStream in = link.getInputStream();
            try {
                while (in.read() != -1) {
                    // whatever the client sends meanwhile
                }
                return "closed";
            } catch (SocketTimeoutException e) {
                return "open";
            } catch (IOException e) {
                return "closed"; // reset
            }
        }
    }

    /** A bolt v1 request header (22 bytes) whose class, header and content lengths add up to {@code frameBytes}. */
    private static byte[] pushRequestHeader(long frameBytes) {
        String className = "io.roster.common.wire.PushMessage";
        long content = frameBytes - 22 - className.length();
        return ByteBuffer.allocate(22).put((byte) 1).put((byte) 1).putShort((short) 1).put((byte) 1).putInt(7)
                .put((byte) 1).putInt(3000).putShort((short) className.length()).putShort((short) 0)
                .putInt((int) Math.min(Integer.MAX_VALUE, content)).array();
    }
}
