package io.roster.client.session;

import com.alipay.remoting.Connection;

/**
 * The link at one instant: its state and, unless DISCONNECTED or CLOSED, the connection, its session address and its
 * connection generation (1 for the link's first connection, one more for each later one; 0 when there is none).
 */
public record LinkStatus(LinkState state, Connection connection, String address, long connectionGeneration) {
    static final LinkStatus DISCONNECTED = new LinkStatus(LinkState.DISCONNECTED, null, null, 0);
    static final LinkStatus CLOSED = new LinkStatus(LinkState.CLOSED, null, null, 0);
}
