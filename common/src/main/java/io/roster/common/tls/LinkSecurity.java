package io.roster.common.tls;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltClientOption;
import com.alipay.remoting.rpc.RpcClient;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;

import java.util.List;

/**
 * How one side of a bolt link is protected: plain, or TLS with a certificate of the cluster CA on both ends. Gives
 * the netty handlers that go first in each new connection's pipeline, ahead of everything bolt adds, so the frame
 * cap and bolt's decoder see plain bytes. (bolt's own SSL options would put the TLS handler behind our frame guard,
 * and take the key and the trusted CA from one keystore with no check of the peer's role; so they stay off.)
 */
public final class LinkSecurity {
    private static final LinkSecurity PLAIN = new LinkSecurity(null, false, false);
    private final SslContext context;
    private final boolean server;
    private final boolean optional;

    private LinkSecurity(SslContext context, boolean server, boolean optional) {
        this.context = context;
        this.server = server;
        this.optional = optional;
    }

    public static LinkSecurity plain() {
        return PLAIN;
    }

    /**
     * A server port that requires TLS and a certificate stating one of {@code accepted}; with {@code optional} it
     * also takes plain connections (they count as unauthenticated: see {@link PeerRoles}).
     */
    public static LinkSecurity server(TlsCredentials credentials, java.util.Set<TlsRole> accepted, boolean optional) {
        return new LinkSecurity(credentials.serverContext(accepted), true, optional);
    }

    /** Outgoing links that show this process's certificate and require the server's to state one of {@code accepted}. */
    public static LinkSecurity client(TlsCredentials credentials, java.util.Set<TlsRole> accepted) {
        return new LinkSecurity(credentials.clientContext(accepted), false, false);
    }

    public boolean enabled() {
        return context != null;
    }

    /** New handlers for one new connection (netty handlers with state are per connection). */
    public List<ChannelHandler> frontHandlers() {
        if (context == null) {
            return List.of();
        }
        ChannelHandler tls = optional ? new OptionalSslHandler(context) : context.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT);
        return server ? List.of(tls, TlsPortMarker.INSTANCE) : List.of(tls);
    }

    /** Makes {@code client}'s connections use this protection; call before it starts. Returns it. */
    public RpcClient applyTo(RpcClient client) {
        if (context != null) {
            client.option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, new ExtendedNettyChannelHandler() {
                @Override
                public List<ChannelHandler> frontChannelHandlers() {
                    return frontHandlers();
                }

                @Override
                public List<ChannelHandler> backChannelHandlers() {
                    return List.of();
                }
            });
        }
        return client;
    }
}
