package io.roster.session.registry;

import java.util.Collection;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One client connection as the session's logic sees it: an identity (equal only to itself) and whether the
 * connection is still open. The rpc layer makes exactly one per bolt connection and maps it back to send, so the
 * registry, the push plan and their tests never see bolt's {@code Connection}.
 */
public final class ConnectionHandle {
    private final String name;
    /** The client's IP literal (as {@code LeverValues.ip} normalizes it) and port; null and 0 when unknown. */
    private final String ip;
    private final int port;
    private final BooleanSupplier open;
    /** The client's ip:port as this session saw the connection ("" when unknown). */
    private final String clientAddress;
    /** When this session first saw the connection (wall clock, epoch millis). */
    private final long connectedAtMillis;
    /** What the client said it can take in its hello (e.g. delta pushes); none until it says. */
    private volatile Set<String> capabilities = Set.of();
    /** The app its hello named and its token's SHA-256 (never the token); empty until a hello carries them. */
    private volatile String app = "";
    private volatile String tokenSha256 = "";

    /** @param name what logs call the connection (its remote address); {@code open} says whether it still is */
    public ConnectionHandle(String name, BooleanSupplier open) {
        this(name, null, 0, open);
    }

    /** @param ip the client's IP literal, normalized, and {@code port} its port: what the incident levers match */
    public ConnectionHandle(String name, String ip, int port, BooleanSupplier open) {
        this(name, ip, port, open, ip == null ? "" : (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port,
                System.currentTimeMillis());
    }

    /**
     * @param clientAddress the client's ip:port as seen here (the query API shows it)
     * @param connectedAtMillis when this session first saw the connection, wall clock
     */
    public ConnectionHandle(String name, BooleanSupplier open, String clientAddress, long connectedAtMillis) {
        this(name, null, 0, open, clientAddress, connectedAtMillis);
    }

    /** Everything known of the connection: the levers match {@code ip}/{@code port}, the query API shows the rest. */
    public ConnectionHandle(String name, String ip, int port, BooleanSupplier open, String clientAddress, long connectedAtMillis) {
        this.name = name;
        this.ip = ip;
        this.port = port;
        this.open = open;
        this.clientAddress = clientAddress == null ? "" : clientAddress;
        this.connectedAtMillis = connectedAtMillis;
    }

    /** A connection that never closes: tests and embedders without sockets. */
    public static ConnectionHandle alwaysOpen(String name) {
        return new ConnectionHandle(name, () -> true);
    }

    /** A connection from {@code ip}:{@code port} that never closes: tests of the incident levers. */
    public static ConnectionHandle alwaysOpen(String ip, int port) {
        return new ConnectionHandle(ip + ":" + port, ip, port, () -> true);
    }

    /** The client's IP as the levers match it, or null when unknown. */
    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    /** The client's ip:port as this session saw the connection ("" when unknown). */
    public String clientAddress() {
        return clientAddress;
    }

    /** The client's IP: {@link #clientAddress()} without the port (and without an IPv6 literal's brackets). */
    public String clientIp() {
        int colon = clientAddress.lastIndexOf(':');
        String host = colon < 0 ? clientAddress : clientAddress.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** When this session first saw the connection (wall clock, epoch millis). */
    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    /** False once the connection is closed (possibly before its close event was handled). */
    public boolean isOpen() {
        return open.getAsBoolean();
    }

    /** The client's hello on this connection named {@code capabilities}; a later hello replaces them. */
    public void capabilities(Collection<String> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    /** The client's hello named {@code app} and a token whose SHA-256 is {@code tokenSha256}; a later hello replaces them. */
    public void credentials(String app, String tokenSha256) {
        this.app = app == null ? "" : app;
        this.tokenSha256 = tokenSha256 == null ? "" : tokenSha256;
    }

    /** The app the client's hello named; empty when none. */
    public String app() {
        return app;
    }

    /** The SHA-256 of the token the client's hello carried; empty when none. */
    public String tokenSha256() {
        return tokenSha256;
    }

    /** Whether the client on this connection said in its hello that it can take {@code capability}. */
    public boolean can(String capability) {
        return capabilities.contains(capability);
    }

    @Override
    public String toString() {
        return name;
    }
}
