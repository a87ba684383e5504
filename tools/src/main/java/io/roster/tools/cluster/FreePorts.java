package io.roster.tools.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free ports on a host for a local cluster, below the kernel's ephemeral range. A node keeps its ports across
 * restarts, and a port in the ephemeral range can be taken, while its node is down, by any outgoing connection on
 * the machine (a chaos run lost a meta restart to that: "admin.port: Address already in use"). All sockets stay
 * open until every port is chosen, so the ports are distinct; another process may still bind one before the node
 * does, and the node then fails naming the port.
 */
final class FreePorts {
    /** Where Linux keeps the ephemeral range; elsewhere the IANA default applies. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int IANA_EPHEMERAL_LOW = 49152;
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS_PER_PORT = 200;

    private FreePorts() {
    }

    static List<Integer> pick(String host, int count) {
        int below = ephemeralLow();
        List<ServerSocket> held = new ArrayList<>();
        try {
            InetAddress address = InetAddress.getByName(host);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = below - LOWEST > 10 * count ? bindBelow(address, below) : new ServerSocket(0, 1, address);
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on " + host + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own; nothing to recover
                }
            }
        }
    }

    /** A socket bound to a random free port in [LOWEST, below). */
    private static ServerSocket bindBelow(InetAddress address, int below) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_PER_PORT; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(false);
                try {
                    s.bind(new InetSocketAddress(address, port), 1);
                    return s;
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no free port in " + LOWEST + "-" + (below - 1) + " after " + ATTEMPTS_PER_PORT
                + " tries: " + (last == null ? "" : last.getMessage()));
    }

    /** The low end of the ephemeral range (from /proc on Linux, else 49152). */
    static int ephemeralLow() {
        try {
            // Not Files.readString: on /proc it returned one byte here (the file reports a size it does not have).
            String[] range = String.join(" ", Files.readAllLines(EPHEMERAL_RANGE)).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return IANA_EPHEMERAL_LOW;
        }
    }
}
