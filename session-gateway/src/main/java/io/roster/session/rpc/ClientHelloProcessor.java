package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.acl.Tokens;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;
import io.roster.session.registry.ConnectionHandle;

/**
 * Records what a client can take (its {@link ClientHello}, sent first on each new connection) on that connection's
 * handle, where the push path reads it, and the credentials it names, which registrations are checked against
 * ({@link io.roster.session.auth.ClientAccess}); the hello is answered OK, unless its token is longer than
 * {@link Tokens#MAX_TOKEN_LENGTH} (INVALID_REQUEST, nothing recorded). Answered on the IO thread: it only stores a set, and it must land before the
 * replay that follows it.
 */
public final class ClientHelloProcessor extends SyncUserProcessor<ClientHello> {
    private static final SimpleReply OK = new SimpleReply(ErrorCode.OK, "");

    private final BoltConnections connections;

    public ClientHelloProcessor(BoltConnections connections) {
        this.connections = connections;
    }

    @Override
    public Object handleRequest(BizContext context, ClientHello hello) {
        if (context == null || context.getConnection() == null) {
            return new SimpleReply(ErrorCode.INTERNAL_ERROR, "ClientHello came without its connection");
        }
        if (hello.token().length() > Tokens.MAX_TOKEN_LENGTH) {
            // Refused unread, the connection left as it was: hashing any length on the IO thread would stall it.
            return new SimpleReply(ErrorCode.INVALID_REQUEST, "the hello's token has " + hello.token().length()
                    + " characters, over the limit of " + Tokens.MAX_TOKEN_LENGTH + " (a Roster token has 43)");
        }
        ConnectionHandle handle = connections.handleOf(context.getConnection());
        handle.capabilities(hello.capabilities());
        // Only the hash is kept: checks compare hashes, and no heap dump of a session holds a client's token.
        handle.credentials(hello.app(), hello.token().isEmpty() ? "" : Tokens.hash(hello.token()));
        return OK;
    }

    @Override
    public boolean processInIOThread() {
        return true;
    }

    @Override
    public String interest() {
        return ClientHello.class.getName();
    }
}
