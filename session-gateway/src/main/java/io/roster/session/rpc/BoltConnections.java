package io.roster.session.rpc;

import com.alipay.remoting.Connection;
import io.roster.common.lever.LeverValues;
import io.roster.session.registry.ConnectionHandle;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps bolt's client connections to the session's {@link ConnectionHandle}s and back. A connection's handle is kept
 * as an attribute of the connection, so it is always the same one and lives exactly as long as the connection; the
 * way back (to send a push) is kept only while the connection is open.
 */
public final class BoltConnections {
    private static final String HANDLE = "roster.session.connection-handle";

    private final Map<ConnectionHandle, Connection> open = new ConcurrentHashMap<>();

    /** The handle of {@code connection}, made on its first request. */
    public ConnectionHandle handleOf(Connection connection) {
        Object known = connection.getAttribute(HANDLE);
        if (known != null) {
            return (ConnectionHandle) known;
        }
        // Made on the connection's first request: its connection time is that moment's wall clock, close enough.
        InetSocketAddress remote = connection.getChannel() != null && connection.getChannel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        String ip = remote == null || remote.getAddress() == null ? null
                : LeverValues.ip(remote.getAddress().getHostAddress().replaceFirst("%.*$", ""));
        ConnectionHandle made = new ConnectionHandle(nameOf(connection), ip, ip == null ? 0 : remote.getPort(), connection::isFine,
                addressOf(connection), System.currentTimeMillis());
        // Mapped before it is published on the connection: a concurrent first request that finds it there must
        // also find its connection, or a push to it would find none and fail once for nothing.
        open.put(made, connection);
        Object raced = connection.setAttributeIfAbsent(HANDLE, made);
        if (raced != null) {
            open.remove(made);
            return (ConnectionHandle) raced;
        }
        if (!connection.isFine()) {
            open.remove(made); // closed before the put: its close event may have come and gone
        }
        return made;
    }

    private static String nameOf(Connection connection) {
        return connection.getChannel() == null ? "unbound" : String.valueOf(connection.getChannel().remoteAddress());
    }

    /** The client's ip:port ({@code [ip]:port} for IPv6), as {@link ConnectionHandle#clientAddress()} says it. */
    static String addressOf(Connection connection) {
        return addressOf(connection.getChannel() == null ? null : connection.getChannel().remoteAddress());
    }

    /**
     * The same for a socket address. An IPv6 zone id ({@code %eth0}) is left out, as the levers' IP leaves it out, so
     * the address the query API shows is one {@code client-off} and {@code ?ip=} accept.
     */
    static String addressOf(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet)) {
            return "";
        }
        String ip = inet.getAddress() != null ? inet.getAddress().getHostAddress().replaceFirst("%.*$", "") : inet.getHostString();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + inet.getPort();
    }

    /** The open connection of {@code handle}, or null once it closed. */
    public Connection connectionOf(ConnectionHandle handle) {
        return open.get(handle);
    }

    /** {@code connection} closed: returns its handle, which no longer maps back to it. */
    public ConnectionHandle closed(Connection connection) {
        ConnectionHandle handle = handleOf(connection);
        open.remove(handle);
        return handle;
    }
}
