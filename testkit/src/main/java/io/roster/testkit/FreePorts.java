package io.roster.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for servers a test starts later, or restarts on the same port. Another process may take a
 * port between the pick and the bind (the window is small); a server that can bind port 0 itself should.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** One free port. */
    public static int free() {
        return free(1).get(0);
    }

    /** {@code count} distinct free ports: every socket stays open until all are picked. */
    public static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a listening socket we own; nothing to recover
                }
            }
        }
    }

    /** "127.0.0.1:" and a free port. */
    public static String loopbackAddress() {
        return "127.0.0.1:" + free();
    }
}
