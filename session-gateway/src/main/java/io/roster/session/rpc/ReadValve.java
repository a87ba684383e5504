package io.roster.session.rpc;

import com.alipay.remoting.Connection;
import io.netty.channel.Channel;
import io.roster.session.limit.DelayedRefusals;

/**
 * Stops and restarts reading one client's bolt connection (netty's auto-read): while paused, what the client sends
 * waits in its socket buffers, and its writes block once they are full. Turning auto-read back on reads at once.
 */
public final class ReadValve implements DelayedRefusals.Valve {
    private final Channel channel;

    private ReadValve(Channel channel) {
        this.channel = channel;
    }

    /** The valve of {@code connection}; one that does nothing when it has no channel (closed, or a test's). */
    public static DelayedRefusals.Valve of(Connection connection) {
        Channel channel = connection == null ? null : connection.getChannel();
        return channel == null ? new ReadValve(null) : new ReadValve(channel);
    }

    @Override
    public void pause() {
        if (channel != null) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (channel != null) {
            channel.config().setAutoRead(true);
        }
    }
}
