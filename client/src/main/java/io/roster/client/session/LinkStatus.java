package io.roster.client.session;

import com.alipay.remoting.Connection;

/** The link at one instant: its state and, unless DISCONNECTED or CLOSED, the connection and its session address. */
public record LinkStatus(LinkState state, Connection connection, String address) {
    static final LinkStatus DISCONNECTED = new LinkStatus(LinkState.DISCONNECTED, null, null);
    static final LinkStatus CLOSED = new LinkStatus(LinkState.CLOSED, null, null);
}
