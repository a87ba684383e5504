package io.roster.common.rpc;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltClientOption;
import com.alipay.remoting.rpc.RpcClient;
import io.netty.channel.ChannelHandler;

import io.roster.common.tls.LinkSecurity;

import java.util.ArrayList;
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
        return guardFrames(client, maxFrameBytes, LinkSecurity.plain());
    }

    /**
     * As {@link #guardFrames(RpcClient, int)}, behind the TLS handlers of {@code security}, so the guard reads plain
     * bytes. One option carries both: bolt keeps a single extended handler per client, so two calls would keep only
     * the last.
     */
    public static RpcClient guardFrames(RpcClient client, int maxFrameBytes, LinkSecurity security) {
        if (maxFrameBytes < BoltServers.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("a frame cap of " + maxFrameBytes + " bytes is below bolt's own "
                    + BoltServers.MIN_FRAME_BYTES + "-byte minimum");
        }
        client.option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, new ExtendedNettyChannelHandler() {
            @Override
            public List<ChannelHandler> frontChannelHandlers() {
                // called once per new connection: new handlers each time (TLS and the guard keep state)
                List<ChannelHandler> front = new ArrayList<>(security.frontHandlers());
                front.add(new FrameSizeGuard(maxFrameBytes));
                return front;
            }

            @Override
            public List<ChannelHandler> backChannelHandlers() {
                return List.of();
            }
        });
        return client;
    }
}
