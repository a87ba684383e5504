package io.roster.meta;

import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Free ports for a local meta group and the settings every member of a test group shares. */
final class MetaGroupConfig {
    private MetaGroupConfig() {
    }

    /** {@code count} free local addresses, host:port. */
    static List<String> freePeers(int count) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                peers.add("127.0.0.1:" + s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return peers;
    }

    /** The member at {@code peer} of the group {@code peers}: 100 ms heartbeats, 2 s RPC timeout; tests add the rest. */
    static RosterConfig.Builder member(String peer, List<String> peers, Path dataDir) {
        return RosterConfig.builder()
                .set(ConfigKeys.HOST, "127.0.0.1")
                .set(ConfigKeys.META_PORT, peer.substring(peer.indexOf(':') + 1))
                .set(ConfigKeys.META_PEERS, String.join(",", peers))
                .set(ConfigKeys.DATA_DIR, dataDir.toString())
                .set(ConfigKeys.HEARTBEAT_INTERVAL_MS, "100")
                .set(ConfigKeys.RPC_TIMEOUT_MS, "2000");
    }
}
