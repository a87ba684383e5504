package io.roster.tools.cli.meta;

import io.roster.common.config.HostPort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether anything listens on host:port. JRaft's client logs a multi-line ERROR for every peer it cannot connect
 * to; probing first lets the CLI skip dead addresses and report them in one line of its own.
 */
final class TcpProbe {
    private TcpProbe() {
    }

    static boolean listening(String address, int timeoutMs) {
        HostPort hp = HostPort.parse(address);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp.host(), hp.port()), timeoutMs);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
