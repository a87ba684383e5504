package io.roster.tools.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free ports on a host. All sockets stay open until every port is chosen, so the ports are distinct; another
 * process may still take one before the node binds it, and the node then fails naming the port.
 */
final class FreePorts {
    private FreePorts() {
    }

    static List<Integer> pick(String host, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            InetAddress address = InetAddress.getByName(host);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, address);
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
}
