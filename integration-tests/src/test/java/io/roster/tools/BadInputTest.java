package io.roster.tools;

import io.roster.client.InvalidRegistrationException;
import io.roster.client.RosterClient;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;
import io.roster.common.wire.SubscribeRequest;
import io.roster.testkit.PushRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Bad input gets a clear error naming what was wrong, and the server keeps serving everyone else. */
@Timeout(120)
class BadInputTest {
    @RegisterExtension
    final StandaloneCluster cluster = new StandaloneCluster();
    private RosterClient client;

    @BeforeEach
    void start() {
        client = cluster.client("app");
    }

    @Test
    void theSdkRejectsBadRegistrationsBeforeSendingThem() {
        assertThatThrownBy(() -> client.publish("", "x")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("dataId is empty");
        assertThatThrownBy(() -> client.publish("a".repeat(600), "x")).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("over the limit of 512");
        assertThatThrownBy(() -> client.publish("svc", "x".repeat(16 * 1024 + 1))).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("16385 bytes, over the limit of 16384");
        assertThatThrownBy(() -> client.subscribe("bad id", (i, d, v) -> { })).isInstanceOf(InvalidRegistrationException.class)
                .hasMessageContaining("white-space");
        assertServerStillServes();
    }

    @Test
    void theSessionRejectsWhatASkippedSdkWouldHaveCaught() {
        try (RpcCaller raw = new RpcCaller()) {
            RegisterReply tooBig = raw.call(cluster.sessionAddress(), new PublishRequest("c1", "app", "r1", "svc",
                    List.of(new byte[20_000]), 1, ""), RegisterReply.class, 3000);
            assertThat(tooBig.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(tooBig.message()).contains("20000 bytes, over the limit of 16384");

            RegisterReply emptyId = raw.call(cluster.sessionAddress(), new SubscribeRequest("c1", "app", "r2", "", ""),
                    RegisterReply.class, 3000);
            assertThat(emptyId.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(emptyId.message()).isEqualTo("dataId is empty");

            RegisterReply noData = raw.call(cluster.sessionAddress(), new PublishRequest("c1", "app", "r3", "svc", List.of(), 1, ""),
                    RegisterReply.class, 3000);
            assertThat(noData.message()).contains("at least one data item");

            RegisterReply noClient = raw.call(cluster.sessionAddress(), new PublishRequest("", "app", "r3", "svc",
                    List.of(new byte[1]), 1, ""), RegisterReply.class, 3000);
            assertThat(noClient.message()).isEqualTo("clientId is empty");
        }
        assertThat(cluster.node().session().publisherCount()).isZero();
        assertServerStillServes();
    }

    /** A hand-written bolt frame whose body is garbage: bolt answers with a deserialization error, nothing else breaks. */
    @Test
    void aCorruptRequestBodyGetsAnErrorAndTheServerKeepsServing() throws IOException {
        String[] hostPort = cluster.sessionAddress().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(10_000);
            byte[] className = PublishRequest.class.getName().getBytes(StandardCharsets.UTF_8);
            byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x42, 0x42};
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeByte(1);        // protocol: bolt v1
            out.writeByte(1);        // type: request
            out.writeShort(1);       // command: rpc request
            out.writeByte(1);        // ver2
            out.writeInt(77);        // request id
            out.writeByte(1);        // codec
            out.writeInt(3000);      // timeout
            out.writeShort(className.length);
            out.writeShort(0);       // header length
            out.writeInt(body.length);
            out.write(className);
            out.write(body);
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readByte()).isEqualTo((byte) 1);
            assertThat(in.readByte()).isEqualTo((byte) 0);   // response
            assertThat(in.readShort()).isEqualTo((short) 2);  // rpc response
            in.readByte();
            assertThat(in.readInt()).isEqualTo(77);
            in.readByte();
            short status = in.readShort();
            int classLen = in.readShort();
            int headerLen = in.readShort();
            int contentLen = in.readInt();
            byte[] rest = in.readNBytes(classLen + headerLen + contentLen);
            assertThat(status).as("bolt SERVER_DESERIAL_EXCEPTION").isEqualTo((short) 0x12);
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).contains("corrupt PublishRequest body");
        }
        assertServerStillServes();
    }

    private void assertServerStillServes() {
        PushRecorder l = new PushRecorder();
        client.subscribe("svc.ok", l::onData);
        client.publish("svc.ok", "10.0.0.1:1");
        await().until(() -> List.of("10.0.0.1:1").equals(l.lastData()));
    }
}
