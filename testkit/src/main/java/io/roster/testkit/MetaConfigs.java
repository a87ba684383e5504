package io.roster.testkit;

import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configurations for a meta group in a test: a standalone node (every role) or the members of an N-node meta Raft
 * group, each on a free loopback port chosen once (a member keeps it across restarts), all under one data dir
 * (a test's {@code @TempDir}), with a 500 ms election timeout. Settings the test adds apply to every member.
 */
public final class MetaConfigs {
    private final Path dataDir;
    private final List<String> peers;
    private final boolean standalone;
    private final Map<ConfigKey<?>, String> settings = new LinkedHashMap<>();

    private MetaConfigs(Path dataDir, List<String> peers, boolean standalone) {
        this.dataDir = dataDir;
        this.peers = List.copyOf(peers);
        this.standalone = standalone;
        set(ConfigKeys.HOST, "127.0.0.1");
        set(ConfigKeys.DATA_DIR, dataDir.toString());
        set(ConfigKeys.META_ELECTION_TIMEOUT_MS, 500);
    }

    /** The members of a {@code size}-node meta group (roles=meta), on free ports. */
    public static MetaConfigs group(Path dataDir, int size) {
        List<String> peers = new ArrayList<>();
        for (int port : FreePorts.free(size)) {
            peers.add("127.0.0.1:" + port);
        }
        return new MetaConfigs(dataDir, peers, false);
    }

    /** One node with every role (meta, data, session), each on a free port; its admin port is any free one. */
    public static MetaConfigs standalone(Path dataDir) {
        List<Integer> ports = FreePorts.free(3);
        MetaConfigs c = new MetaConfigs(dataDir, List.of("127.0.0.1:" + ports.get(0)), true);
        c.set(ConfigKeys.DATA_PORT, ports.get(1));
        c.set(ConfigKeys.SESSION_PORT, ports.get(2));
        c.set(ConfigKeys.ADMIN_PORT, 0);
        return c;
    }

    /** Sets {@code key} to {@code value} on every member from now on. */
    public MetaConfigs set(ConfigKey<?> key, Object value) {
        settings.put(key, String.valueOf(value));
        return this;
    }

    /** The members' meta addresses (host:port), in order. */
    public List<String> peers() {
        return peers;
    }

    /** The peers comma-separated, as meta.servers or a CLI's --meta wants them. */
    public String metaServers() {
        return String.join(",", peers);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The standalone node's configuration. */
    public RosterConfig standaloneConfig() {
        if (!standalone) {
            throw new IllegalStateException("a " + peers.size() + "-node meta group has no standalone configuration");
        }
        return config(peers.get(0), List.of(), false, null).build();
    }

    /** The configuration of member {@code index}. */
    public RosterConfig member(int index) {
        return memberBuilder(index).build();
    }

    /** The configuration of member {@code index}, for a test that sets more on that member alone. */
    public RosterConfig.Builder memberBuilder(int index) {
        return config(peers.get(index), peers, false, "meta");
    }

    /** Every member's configuration, in peer order. */
    public List<RosterConfig> members() {
        List<RosterConfig> out = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            out.add(member(i));
        }
        return out;
    }

    /** A meta node outside the group at {@code address} (meta.join=true): it waits for add-peer. */
    public RosterConfig joiner(String address) {
        List<String> all = new ArrayList<>(peers);
        if (!all.contains(address)) {
            all.add(address);
        }
        return config(address, all, true, "meta").build();
    }

    /**
     * A builder for a node of the same cluster outside the group ({@code roles}, e.g. "data" or "session"): the
     * same settings, meta.servers naming the group; the test adds the node's ports.
     */
    public RosterConfig.Builder node(String roles) {
        RosterConfig.Builder b = RosterConfig.builder();
        b.set(ConfigKeys.ROLES, roles);
        settings.forEach(b::set);
        return b.set(ConfigKeys.META_SERVERS, metaServers());
    }

    /** Roles first, so that a test's own roles setting wins. */
    private RosterConfig.Builder config(String address, List<String> group, boolean join, String roles) {
        RosterConfig.Builder b = RosterConfig.builder();
        if (roles != null) {
            b.set(ConfigKeys.ROLES, roles);
        }
        settings.forEach(b::set);
        b.set(ConfigKeys.META_PORT, address.substring(address.lastIndexOf(':') + 1));
        if (!group.isEmpty()) {
            b.set(ConfigKeys.META_PEERS, String.join(",", group));
        }
        if (join) {
            b.set(ConfigKeys.META_JOIN, "true");
        }
        return b;
    }
}
