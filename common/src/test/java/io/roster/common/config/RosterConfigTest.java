package io.roster.common.config;

import io.roster.common.model.NodeRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterConfigTest {
    @Test
    void defaultsAreTheEmbeddedStandalone() {
        RosterConfig c = RosterConfig.defaults();
        assertThat(c.roles()).containsExactlyInAnyOrder(NodeRole.META, NodeRole.DATA, NodeRole.SESSION);
        assertThat(c.get(ConfigKeys.SESSION_PORT)).isEqualTo(9601);
        assertThat(c.metaPeers()).containsExactly("127.0.0.1:9611");
        assertThat(c.metaServers()).containsExactly("127.0.0.1:9611");
        assertThat(c.get(ConfigKeys.CLUSTER_SLOTS)).isEqualTo(256);
    }

    @Test
    void bindHostIsRosterHostUnlessSetAndTheAdvertisedHostIsNeverAWildcard() {
        assertThat(RosterConfig.defaults().bindHost()).isEqualTo("127.0.0.1");
        assertThat(RosterConfig.load(null, Map.of(), Map.of("roster.host", "10.0.0.5")).bindHost()).isEqualTo("10.0.0.5");
        RosterConfig everywhere = RosterConfig.load(null, Map.of("ROSTER_ROSTER_BIND_HOST", "0.0.0.0"), Map.of("roster.host", "10.0.0.5"));
        assertThat(everywhere.bindHost()).isEqualTo("0.0.0.0");
        assertThat(everywhere.get(ConfigKeys.HOST)).isEqualTo("10.0.0.5");
        assertThat(everywhere.metaAddress()).isEqualTo("10.0.0.5:9611");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("roster.host", "0.0.0.0")).bindHost())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("roster.host='0.0.0.0' (from --set)")
                .hasMessageContaining("roster.bind-host=0.0.0.0");
    }

    @Test
    void fileThenEnvironmentThenSetOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.properties");
        Files.writeString(file, "session.port=1000\ndata.port=2000\nadmin.port=3000\n");
        RosterConfig c = RosterConfig.load(file, Map.of("ROSTER_DATA_PORT", "2001", "ROSTER_ADMIN_PORT", "3001", "PATH", "/bin"),
                Map.of("admin.port", "3002"));
        assertThat(c.get(ConfigKeys.SESSION_PORT)).isEqualTo(1000);
        assertThat(c.get(ConfigKeys.DATA_PORT)).isEqualTo(2001);
        assertThat(c.get(ConfigKeys.ADMIN_PORT)).isEqualTo(3002);
        assertThat(c.sourceOf(ConfigKeys.SESSION_PORT)).isEqualTo(file.toString());
        assertThat(c.sourceOf(ConfigKeys.DATA_PORT)).isEqualTo("environment variable ROSTER_DATA_PORT");
    }

    @Test
    void unknownKeysAndBadValuesAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("session.prot", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'session.prot'").hasMessageContaining("did you mean 'session.port'");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("session.port", "99999")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.port").hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("cluster.slots", "many")))
                .hasMessageContaining("invalid value 'many' for cluster.slots (from --set): not a whole number");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of("ROSTER_SESION_PORT", "1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ROSTER_SESION_PORT");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("roster.roles", "meta,gateway")))
                .hasMessageContaining("'gateway'").hasMessageContaining("roster.roles");
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("meta.peers", "a:1,b")))
                .hasMessageContaining("meta.peers").hasMessageContaining("'b' is not host:port");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "lease.duration-ms=ten\n");
        assertThatThrownBy(() -> RosterConfig.load(file, Map.of(), Map.of()))
                .hasMessageContaining("lease.duration-ms").hasMessageContaining(file.toString());
        assertThatThrownBy(() -> RosterConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .hasMessageContaining("cannot read configuration file");
    }

    @Test
    void withReplacesOneValue() {
        RosterConfig c = RosterConfig.defaults().with(ConfigKeys.SESSION_PORT, "0");
        assertThat(c.get(ConfigKeys.SESSION_PORT)).isZero();
        assertThat(c.get(ConfigKeys.DATA_PORT)).isEqualTo(9621);
    }

    @Test
    void aFrameCapTooSmallForTheLargestPublisherStopsStartUpNamingTheKeys() {
        assertThat(RosterConfig.builder().build().maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
        // 64 items of 256 KiB: a publisher of 16 MiB does not fit twice into the default 16 MiB frame.
        assertThatThrownBy(() -> RosterConfig.builder().set(ConfigKeys.LIMITS_DATA_ITEMS_MAX, "64")
                .set(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES, Integer.toString(256 * 1024)).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("rpc.max-frame-bytes=16777216")
                .hasMessageContaining("limits.data-items-max").hasMessageContaining("limits.data-item-max-bytes");
        assertThat(RosterConfig.builder().set(ConfigKeys.LIMITS_DATA_ITEMS_MAX, "64")
                .set(ConfigKeys.LIMITS_DATA_ITEM_MAX_BYTES, Integer.toString(256 * 1024))
                .set(ConfigKeys.RPC_MAX_FRAME_BYTES, Integer.toString(40 << 20)).build().maxFrameBytes()).isEqualTo(40 << 20);
    }

    /** The admin port binds admin.bind, else roster.host only when loopback (AdminAccess.bindAddress), else 127.0.0.1. */
    @Test
    void theHostsDocSaysWhereTheAdminPortReallyBinds() {
        assertThat(ConfigKeys.HOST.doc()).doesNotContain("The admin port binds to it")
                .contains("admin.bind", "loopback", "127.0.0.1");
    }

    /** conf/roster.properties documents every key with its default, and nothing else. */
    @Test
    void shippedConfigFileListsEveryKeyWithItsDefault() throws IOException {
        Path file = Path.of("..", "conf", "roster.properties");
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        }
        assertThat(props.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            assertThat(props.getProperty(k.name())).as(k.name()).isEqualTo(k.defaultValue());
            assertThat(Files.readString(file)).as("doc of " + k.name()).contains("# " + k.doc());
        }
        assertThat(RosterConfig.load(file, Map.of(), Map.of())).isNotNull();
    }

    /** A malformed \\uXXXX escape made Properties.load throw IllegalArgumentException past the ConfigException. */
    @Test
    void aMalformedUnicodeEscapeInTheFileIsAConfigErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.properties");
        Files.writeString(file, "session.port=\\u12x4\n");
        assertThatThrownBy(() -> RosterConfig.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString()).hasMessageContaining("uxxxx");
    }

    /** Found by ConfigFuzzTest: an empty roster.host passed, and the meta address ":9611" failed later, unnamed. */
    @Test
    void anEmptyHostIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> RosterConfig.load(null, Map.of(), Map.of("roster.host", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("roster.host");
    }
}
