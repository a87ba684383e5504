package io.roster.common.tls;

import com.alipay.remoting.Connection;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Who is at the other end of a connection a server port accepted, as its TLS certificate says. */
public final class PeerRoles {
    private PeerRoles() {
    }

    /**
     * Whether a request only nodes send (a data leader's slot queries to a session, meta's notices) is admitted
     * from this connection: always on a port without TLS (the cluster runs unauthenticated), else only from a peer
     * whose certificate states the NODE role.
     */
    public static boolean admitsNodeRequest(Connection connection) {
        if (connection == null || connection.getChannel() == null) {
            return false;
        }
        Channel channel = connection.getChannel();
        if (channel.pipeline().get(TlsPortMarker.class) == null) {
            return true;
        }
        return roleOf(channel).filter(r -> r == TlsRole.NODE).isPresent();
    }

    /** The role of the peer's certificate; empty on a plain connection or before the handshake completed. */
    public static Optional<TlsRole> roleOf(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        try {
            Certificate[] peer = tls.engine().getSession().getPeerCertificates();
            return peer.length > 0 && peer[0] instanceof X509Certificate x509 ? TlsRole.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
