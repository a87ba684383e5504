package io.roster.common.rpc;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltGenericOption;
import com.alipay.remoting.rpc.RpcServer;
import io.netty.channel.ChannelHandler;
import io.roster.common.tls.LinkSecurity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Starts bolt servers with Roster's serializers, failing with a clear message when the port is taken. */
public final class BoltServers {
    /** Smallest sensible cap: a few kilobytes of headers and class names. */
    static final int MIN_FRAME_BYTES = 4096;
    private BoltServers() {
    }

    /** A not-yet-started server on host:port (0 = any free port); register processors, then {@link #start}. */
    public static RpcServer create(String host, int port) {
        WireTypes.install();
        return new RpcServer(host, port, true);
    }

    /** As {@link #create(String, int)}, closing any connection that announces a frame over {@code maxFrameBytes}. */
    public static RpcServer create(String host, int port, int maxFrameBytes) {
        return guardFrames(create(host, port), maxFrameBytes);
    }

    /** As {@link #create(String, int, int)}, with the port protected as {@code security} says (TLS goes first). */
    public static RpcServer create(String host, int port, int maxFrameBytes, LinkSecurity security) {
        return guardFrames(create(host, port), maxFrameBytes, security);
    }

    /**
     * Puts a {@link FrameSizeGuard} first in the pipeline of every connection {@code server} accepts from now on, so
     * a frame declaring more than {@code maxFrameBytes} closes its connection before its body is buffered. Call
     * before the server starts; for servers built elsewhere too (meta's, wrapped by jraft).
     */
    public static RpcServer guardFrames(RpcServer server, int maxFrameBytes) {
        return guardFrames(server, maxFrameBytes, LinkSecurity.plain());
    }

    /** As {@link #guardFrames(RpcServer, int)}, behind the TLS handlers of {@code security}, so the guard reads plain bytes. */
    public static RpcServer guardFrames(RpcServer server, int maxFrameBytes, LinkSecurity security) {
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("a frame cap of " + maxFrameBytes + " bytes is below bolt's own "
                    + MIN_FRAME_BYTES + "-byte minimum");
        }
        server.option(BoltGenericOption.EXTENDED_NETTY_CHANNEL_HANDLER, new ExtendedNettyChannelHandler() {
            @Override
            public List<ChannelHandler> frontChannelHandlers() {
                List<ChannelHandler> handlers = new ArrayList<>(security.frontHandlers()); // called once per new connection
                handlers.add(new FrameSizeGuard(maxFrameBytes));
                return handlers;
            }

            @Override
            public List<ChannelHandler> backChannelHandlers() {
                return List.of();
            }
        });
        return server;
    }

    /** Starts {@code server}; {@code keyName} is the configuration key of its port, for the error message. */
    public static void start(RpcServer server, String keyName) {
        try {
            server.startup();
        } catch (RuntimeException e) {
            safeShutdown(server);
            throw new PortInUseException(describeBindFailure(server.ip(), server.port(), keyName), e);
        }
    }

    /** Checks that host:port can be bound now; used before starting servers that do not report bind errors well. */
    public static void checkBindable(String host, int port, String keyName) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(describeBindFailure(host, port, keyName), e);
        }
    }

    static String describeBindFailure(String host, int port, String keyName) {
        return "cannot listen on " + host + ":" + port + " (" + keyName + "): the port is already in use, or the address is not "
                + "local. Stop the other process or choose another port with --set " + keyName + "=PORT";
    }

    public static void safeShutdown(RpcServer server) {
        try {
            server.shutdown();
        } catch (RuntimeException ignored) {
            // already stopped, or never started
        }
    }
}
