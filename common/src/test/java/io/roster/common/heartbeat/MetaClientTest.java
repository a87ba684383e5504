package io.roster.common.heartbeat;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.WireTypes;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SessionListReply;
import io.roster.common.wire.SessionListRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class MetaClientTest {
    private final List<RpcServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, Integer> asked = new ConcurrentHashMap<>();
    private final RpcCaller caller = new RpcCaller();

    @AfterEach
    void stop() {
        servers.forEach(BoltServers::safeShutdown);
        caller.close();
        executor.shutdownNow();
    }

    /** A meta stand-in that answers every SessionListRequest with {@code code}, naming {@code leader}. */
    private String meta(ErrorCode code, String leader) {
        WireTypes.install();
        RpcServer server = BoltServers.create("127.0.0.1", 0);
        String[] self = new String[1];
        server.registerUserProcessor(new RequestHandler<>(SessionListRequest.class, executor) {
            @Override
            protected Object handle(BizContext context, SessionListRequest request) {
                asked.merge(self[0], 1, Integer::sum);
                return new SessionListReply(code, code == ErrorCode.OK ? "" : "not the leader", List.of("127.0.0.1:1"), leader);
            }

            @Override
            protected Object errorReply(ErrorCode c, String message) {
                return new SessionListReply(c, message, List.of(), "");
            }
        });
        BoltServers.start(server, "test.port");
        servers.add(server);
        self[0] = "127.0.0.1:" + server.port();
        return self[0];
    }

    private static String downAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void aRedirectToAServerTriedEarlierIsFollowedInsteadOfOverrunningTheList() throws IOException {
        String down = downAddress();
        String stillDown = downAddress();
        // The last server names the first as leader, which did not answer: the old code removed it and inserted it
        // past the end of the shortened list (IndexOutOfBoundsException: "Index: 3, Size: 2").
        String follower = meta(ErrorCode.NOT_LEADER, down);
        MetaClient client = new MetaClient(caller, List.of(down, stillDown, follower), 500);

        SessionListReply reply = client.call(new SessionListRequest(), SessionListReply.class, SessionListReply::leaderAddress);

        assertThat(reply.code()).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(reply.leaderAddress()).isEqualTo(down);
    }

    @Test
    void aRedirectGoesToTheNamedLeaderNext() {
        String leader = meta(ErrorCode.OK, "");
        String follower = meta(ErrorCode.NOT_LEADER, leader);
        MetaClient client = new MetaClient(caller, List.of(follower, leader), 500);

        SessionListReply reply = client.call(new SessionListRequest(), SessionListReply.class, SessionListReply::leaderAddress);

        assertThat(reply.ok()).isTrue();
        assertThat(asked).containsEntry(follower, 1).containsEntry(leader, 1);
        assertThat(client.leaderGuess()).isEqualTo(leader);
    }
}
