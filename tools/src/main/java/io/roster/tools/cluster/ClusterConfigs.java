package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configurations of a new local cluster: one role per node, the given ports, a data directory per node under
 * the cluster directory, every node told the whole meta group. Each is validated as its node will read it. Pure:
 * the ports are chosen by the caller, nothing is written.
 */
final class ClusterConfigs {
    /** Keys the launcher decides; {@code --set} may not change them or the nodes would not find each other. */
    static final Set<String> RESERVED = Set.of(ConfigKeys.ROLES, ConfigKeys.HOST, ConfigKeys.DATA_DIR, ConfigKeys.META_PORT,
            ConfigKeys.DATA_PORT, ConfigKeys.SESSION_PORT, ConfigKeys.ADMIN_PORT, ConfigKeys.META_PEERS, ConfigKeys.META_SERVERS,
            ConfigKeys.META_JOIN).stream().map(ConfigKey::name).collect(Collectors.toUnmodifiableSet());

    private ClusterConfigs() {
    }

    /**
     * @param ports     each node's ports, for every node of {@code layout}
     * @param dataRoot  where each node's data directory goes ({@code dataRoot/<node>})
     * @param overrides extra keys for every node (e.g. a shorter lease); must not name a {@link #RESERVED} key
     */
    static List<NodeConfig> generate(ClusterLayout layout, String host, Map<NodeName, NodePorts> ports, Path dataRoot,
                                     Map<String, String> overrides) {
        for (String key : overrides.keySet()) {
            if (RESERVED.contains(key)) {
                throw new ConfigException("--set " + key + " is not allowed: roster cluster start sets " + String.join(", ",
                        RESERVED.stream().sorted().toList()) + " itself");
            }
        }
        List<String> metas = new ArrayList<>();
        for (NodeName n : layout.nodes()) {
            if (n.role() == NodeRole.META) {
                metas.add(host + ":" + portsOf(ports, n).rolePort());
            }
        }
        String metaList = String.join(",", metas);
        List<NodeConfig> out = new ArrayList<>();
        for (NodeName n : layout.nodes()) {
            NodePorts p = portsOf(ports, n);
            Map<String, String> v = new LinkedHashMap<>();
            v.put(ConfigKeys.ROLES.name(), n.roleName());
            v.put(ConfigKeys.HOST.name(), host);
            v.put(ConfigKeys.DATA_DIR.name(), dataRoot.resolve(n.toString()).toString());
            v.put(roleKey(n.role()).name(), Integer.toString(p.rolePort()));
            v.put(ConfigKeys.ADMIN_PORT.name(), Integer.toString(p.adminPort()));
            v.put(ConfigKeys.META_PEERS.name(), metaList);
            v.put(ConfigKeys.META_SERVERS.name(), metaList);
            v.putAll(overrides);
            validate(n, v, overrides.keySet());
            out.add(new NodeConfig(n, v));
        }
        return out;
    }

    /**
     * Parses {@code values} as the node will, so a bad value fails before anything is written; the message names
     * the source ("--set" or the launcher) the way {@code roster server} would.
     */
    private static void validate(NodeName n, Map<String, String> values, Set<String> fromSet) {
        RosterConfig.Builder b = RosterConfig.builder();
        values.forEach((k, val) -> b.set(k, val, fromSet.contains(k) ? "--set" : "roster cluster start for " + n));
        b.build();
    }

    static ConfigKey<Integer> roleKey(NodeRole role) {
        return switch (role) {
            case META -> ConfigKeys.META_PORT;
            case DATA -> ConfigKeys.DATA_PORT;
            case SESSION -> ConfigKeys.SESSION_PORT;
        };
    }

    private static NodePorts portsOf(Map<NodeName, NodePorts> ports, NodeName n) {
        NodePorts p = ports.get(n);
        if (p == null) {
            throw new IllegalArgumentException("no ports for " + n);
        }
        return p;
    }
}
