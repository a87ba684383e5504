package io.roster.common.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits in the pipeline of every connection a TLS-enabled server port accepted, so a handler can tell "this port
 * authenticates its peers" from "TLS is off here" ({@link PeerRoles}). Holds nothing; passes everything on.
 */
@ChannelHandler.Sharable
final class TlsPortMarker extends ChannelInboundHandlerAdapter {
    static final TlsPortMarker INSTANCE = new TlsPortMarker();

    private TlsPortMarker() {
    }
}
