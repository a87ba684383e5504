package io.roster.tools.chaos;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A process for {@link NodeNetworkTest}: {@code serve PORT} echoes every byte; {@code probe PORT} sends a byte over
 * one long-lived connection every 200 ms and prints {@code ok} when the echo came back within 500 ms, {@code fail}
 * when not (then it connects again).
 */
public final class LinkProbe {
    private LinkProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("serve")) {
            try (ServerSocket server = new ServerSocket(port, 16, InetAddress.getLoopbackAddress())) {
                while (true) {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> echo(s));
                    t.setDaemon(true);
                    t.start();
                }
            }
        }
        Socket s = null;
        while (true) {
            try {
                if (s == null) {
                    s = new Socket();
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    s.setSoTimeout(500);
                }
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new java.io.EOFException();
                }
                System.out.println("ok");
            } catch (Exception e) {
                System.out.println("fail");
                if (s != null) {
                    s.close();
                }
                s = null;
            }
            System.out.flush();
            Thread.sleep(200);
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
                out.flush();
            }
        } catch (Exception e) {
            // the probe went away
        }
    }
}
