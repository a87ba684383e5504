package io.roster.session.query;

import com.alipay.remoting.BizContext;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.PublisherEntry;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The admin API's question to this session (on {@code session.port}): a {@link RegistrySelection} over a snapshot of
 * its registry taken now. A bad query is answered INVALID_REQUEST naming the field; on a TLS port only a node
 * certificate may ask (a client one is answered UNAUTHENTICATED).
 */
public final class RegistryQueryHandler extends RequestHandler<RegistryQuery> {
    private final ClientRegistry registry;
    /** This session's address, named in every answer; known once its port is bound. */
    private final Supplier<String> session;

    public RegistryQueryHandler(ClientRegistry registry, Supplier<String> session, Executor executor) {
        super(RegistryQuery.class, executor);
        this.registry = registry;
        this.session = session;
    }

    /** The whole registry (every client's addresses and apps) is for the admin API of a cluster node, not a client. */
    @Override
    protected boolean nodesOnly() {
        return true;
    }

    @Override
    protected Object handle(BizContext context, RegistryQuery query) {
        return new RegistrySelection(registry.publisherEntries(), registry.subscribers(), RegistryQueryHandler::isOff)
                .answer(query, session.get());
    }

    /** Whether the operator's client-off lever holds this publisher here, off data (and so out of every push). */
    static boolean isOff(PublisherEntry publisher) {
        return publisher.off();
    }

    @Override
    protected Object errorReply(ErrorCode code, String message) {
        return RegistryQueryReply.error(code, message, session.get());
    }
}
