package io.roster.tools.cluster;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.model.NodeRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configurations a local cluster is made of, and the examples in conf/cluster, without starting anything. */
class ClusterConfigsTest {
    private static final ClusterLayout LAYOUT = new ClusterLayout(3, 3, 2);

    @TempDir
    Path dir;

    private static Map<NodeName, NodePorts> ports(ClusterLayout layout) {
        Map<NodeName, NodePorts> ports = new HashMap<>();
        int next = 20000;
        for (NodeName n : layout.nodes()) {
            ports.put(n, new NodePorts(next++, next++));
        }
        return ports;
    }

    @Test
    void everyNodeRunsOneRoleOnItsOwnPortsAndKnowsTheWholeMetaGroup() throws Exception {
        List<NodeConfig> configs = ClusterConfigs.generate(LAYOUT, "127.0.0.1", ports(LAYOUT), dir, Map.of());

        assertThat(configs).extracting(c -> c.name().toString()).containsExactly("meta-1", "meta-2", "meta-3", "data-1", "data-2",
                "data-3", "session-1", "session-2");
        Set<Integer> allPorts = new HashSet<>();
        for (NodeConfig c : configs) {
            c.write(dir.resolve(c.name() + ".properties"));
            RosterConfig loaded = RosterConfig.load(dir.resolve(c.name() + ".properties"), Map.of(), Map.of());
            assertThat(loaded.roles()).containsExactly(c.name().role());
            assertThat(loaded.metaPeers()).containsExactly("127.0.0.1:20000", "127.0.0.1:20002", "127.0.0.1:20004");
            assertThat(loaded.metaServers()).isEqualTo(loaded.metaPeers());
            assertThat(loaded.get(ConfigKeys.DATA_DIR)).isEqualTo(dir.resolve(c.name().toString()).toString());
            assertThat(allPorts.add(c.rolePort())).isTrue();
            assertThat(allPorts.add(c.adminPort())).isTrue();
        }
        assertThat(configs.get(3).address()).isEqualTo("127.0.0.1:20006");
    }

    @Test
    void setReachesEveryNodeButMayNotMoveWhatTheLauncherDecides() {
        List<NodeConfig> configs = ClusterConfigs.generate(LAYOUT, "127.0.0.1", ports(LAYOUT), dir,
                Map.of("lease.duration-ms", "1500"));
        assertThat(configs).allSatisfy(c -> assertThat(c.values()).containsEntry("lease.duration-ms", "1500"));

        assertThatThrownBy(() -> ClusterConfigs.generate(LAYOUT, "127.0.0.1", ports(LAYOUT), dir, Map.of("data.port", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--set data.port is not allowed");
        // a value the node would reject fails here, as the node would say it, before any file exists
        assertThatThrownBy(() -> ClusterConfigs.generate(LAYOUT, "127.0.0.1", ports(LAYOUT), dir, Map.of("lease.duration-ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'soon' for lease.duration-ms (from --set)");
    }

    @Test
    void theExamplesInConfClusterAreValidAndShapedLikeGeneratedOnes() {
        Path examples = Path.of(System.getProperty("user.dir")).resolveSibling("conf").resolve("cluster");
        ClusterDir exampleDir = new ClusterDir(examples);
        assertThat(exampleDir.nodes()).isEqualTo(LAYOUT.nodes());
        Map<NodeName, NodeConfig> generated = new HashMap<>();
        ClusterConfigs.generate(LAYOUT, "127.0.0.1", ports(LAYOUT), dir, Map.of()).forEach(c -> generated.put(c.name(), c));
        Set<Integer> allPorts = new HashSet<>();
        for (NodeName n : exampleDir.nodes()) {
            RosterConfig loaded = RosterConfig.load(exampleDir.config(n), Map.of(), Map.of());
            NodeConfig example = exampleDir.readConfig(n);
            assertThat(example.values().keySet()).isEqualTo(generated.get(n).values().keySet());
            assertThat(loaded.roles()).containsExactly(n.role());
            assertThat(loaded.metaPeers()).hasSize(3).isEqualTo(loaded.metaServers());
            assertThat(allPorts.add(example.rolePort())).isTrue();
            assertThat(allPorts.add(example.adminPort())).isTrue();
        }
        assertThat(Files.exists(ClusterFile.in(examples))).isFalse();
    }

    @Test
    void nodeNamesAreParsedWithMessagesThatSayWhatIsAccepted() {
        assertThat(NodeName.parse("DATA", 2)).isEqualTo(new NodeName(NodeRole.DATA, 2));
        assertThat(NodeName.parse("data", 2)).hasToString("data-2");
        assertThat(NodeName.fromStem("session-12")).isEqualTo(new NodeName(NodeRole.SESSION, 12));
        assertThat(NodeName.fromStem("cluster")).isNull();
        assertThatThrownBy(() -> NodeName.parse("dat", 1)).hasMessageContaining("use meta, data or session");
        assertThatThrownBy(() -> NodeName.parse("meta", 0)).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new ClusterLayout(0, 1, 1)).hasMessageContaining("--meta must be between 1 and");
    }
}
