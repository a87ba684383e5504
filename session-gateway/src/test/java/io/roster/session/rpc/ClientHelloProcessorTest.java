package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.Connection;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.acl.Tokens;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
import io.roster.session.registry.ConnectionHandle;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hello is handled on the IO thread, where hashing a token of any length would be a cheap way to stall a
 * session: a token longer than {@link Tokens#MAX_TOKEN_LENGTH} is refused unread (INVALID_REQUEST naming the limit)
 * and the connection keeps no credentials from it.
 */
class ClientHelloProcessorTest {
    private final BoltConnections connections = new BoltConnections();
    private final Connection boltConnection = new Connection(new EmbeddedChannel());
    private final ClientHelloProcessor processor = new ClientHelloProcessor(connections);

    private SimpleReply hello(String token) {
        BizContext context = (BizContext) Proxy.newProxyInstance(BizContext.class.getClassLoader(),
                new Class<?>[]{BizContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> boltConnection;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (SimpleReply) processor.handleRequest(context, new ClientHello("c1", List.of(ClientHello.PUSH_DELTA), "orders", token));
    }

    @Test
    void aTokenOverTheLimitIsRefusedNamingItAndLeavesNoCredentials() {
        SimpleReply reply = hello("x".repeat(Tokens.MAX_TOKEN_LENGTH + 1));

        assertThat(reply.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(reply.message()).contains(String.valueOf(Tokens.MAX_TOKEN_LENGTH));
        ConnectionHandle handle = connections.handleOf(boltConnection);
        assertThat(handle.tokenSha256()).isEmpty();
        assertThat(handle.app()).isEmpty();
    }

    @Test
    void aTokenAtTheLimitIsTaken() {
        String token = "y".repeat(Tokens.MAX_TOKEN_LENGTH);
        assertThat(hello(token).code()).isEqualTo(ErrorCode.OK);
        ConnectionHandle handle = connections.handleOf(boltConnection);
        assertThat(handle.tokenSha256()).isEqualTo(Tokens.hash(token));
        assertThat(handle.app()).isEqualTo("orders");
        assertThat(handle.can(ClientHello.PUSH_DELTA)).isTrue();
    }
}
