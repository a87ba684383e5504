package io.roster.session.rpc;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.protocol.SyncUserProcessor;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.SimpleReply;

/**
 * Records what a client can take (its {@link ClientHello}, sent first on each new connection) on that connection's
 * handle, where the push path reads it. Answered on the IO thread: it only stores a set, and it must land before the
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
        connections.handleOf(context.getConnection()).capabilities(hello.capabilities());
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
