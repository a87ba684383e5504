package io.roster.chaos.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay from a local port to one session, so the harness can drop a client's connection the way a
 * network would (both ends see it close) without a hook in the SDK. One per client and session; a thread accepts,
 * and two threads copy bytes for each relayed connection.
 */
final class TcpForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpForwarder.class);

    private final String target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpForwarder(String target, String name) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a relay to " + target + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "chaos-relay-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address clients connect to instead of the session's. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    String target() {
        return target;
    }

    private void acceptLoop() {
        int colon = target.lastIndexOf(':');
        InetSocketAddress to = new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket out = new Socket();
            try {
                out.setTcpNoDelay(true);
                in.setTcpNoDelay(true);
                out.connect(to, 3000);
            } catch (IOException e) {
                closeQuietly(in);
                closeQuietly(out);
                continue; // the session is down: the client sees its connect fail, as without the relay
            }
            open.add(in);
            open.add(out);
            pump(in, out);
            pump(out, in);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream is = from.getInputStream(); OutputStream os = to.getOutputStream()) {
                for (int n; (n = is.read(buf)) >= 0; ) {
                    os.write(buf, 0, n);
                    os.flush();
                }
            } catch (IOException e) {
                LOG.trace("relay to {} ended: {}", target, e.toString());
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "chaos-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Drops every relayed connection now; new ones are relayed again. Returns how many connections it cut. */
    int cut() {
        int n = 0;
        for (Socket s : Set.copyOf(open)) {
            closeQuietly(s);
            n++;
        }
        return n / 2;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        cut();
    }
}
