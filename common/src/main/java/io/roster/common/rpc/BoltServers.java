package io.roster.common.rpc;

import com.alipay.remoting.rpc.RpcServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Starts bolt servers with Roster's serializers, failing with a clear message when the port is taken. */
public final class BoltServers {
    private BoltServers() {
    }

    /** A not-yet-started server on host:port (0 = any free port); register processors, then {@link #start}. */
    public static RpcServer create(String host, int port) {
        WireTypes.install();
        return new RpcServer(host, port, true);
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
