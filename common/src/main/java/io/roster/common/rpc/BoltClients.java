package io.roster.common.rpc;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltClientOption;
import com.alipay.remoting.rpc.RpcClient;
import io.netty.channel.ChannelHandler;

import java.util.List;

/** The client side of {@link BoltServers#guardFrames}: a peer that pushes requests to this client is capped too. */
public final class BoltClients {
    private BoltClients() {
    }

    /**
     * Puts a {@link FrameSizeGuard} first in the pipeline of every connection {@code client} opens from now on, so a
     * frame declaring more than {@code maxFrameBytes} (a session's push to the SDK, or a reply) closes the connection
     * before its body is buffered. Call before the client connects.
     */
    public static RpcClient guardFrames(RpcClient client, int maxFrameBytes) {
        if (maxFrameBytes < BoltServers.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("a frame cap of " + maxFrameBytes + " bytes is below bolt's own "
                    + BoltServers.MIN_FRAME_BYTES + "-byte minimum");
        }
        client.option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, new ExtendedNettyChannelHandler() {
            @Override
            public List<ChannelHandler> frontChannelHandlers() {
                return List.of(new FrameSizeGuard(maxFrameBytes)); // called once per new connection
            }

            @Override
            public List<ChannelHandler> backChannelHandlers() {
                return List.of();
            }
        });
        return client;
    }
}
