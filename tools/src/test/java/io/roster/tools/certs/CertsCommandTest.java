package io.roster.tools.certs;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.tls.NodeTls;
import io.roster.common.tls.TlsCredentials;
import io.roster.common.tls.TlsFiles;
import io.roster.common.tls.TlsRole;
import io.roster.tools.RosterMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code roster certs} writes files the tls.* settings and the SDK load, and says which goes where. */
class CertsCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        CommandLine cl = RosterMain.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as(out.toString()).isZero();
        return out.toString();
    }

    private RosterConfig nodeConfig(String keystore) {
        return RosterConfig.builder()
                .set(ConfigKeys.TLS_ENABLED, "true")
                .set(ConfigKeys.TLS_KEYSTORE, dir.resolve(keystore).toString())
                .set(ConfigKeys.TLS_KEYSTORE_PASSWORD_FILE, dir.resolve("keystore-password").toString())
                .set(ConfigKeys.TLS_CA_CERT, dir.resolve("ca.pem").toString()).build();
    }

    @Test
    void makesACaNodeAndClientCertificatesThatTheConfigurationLoads() throws Exception {
        String out = run("certs", "--dir", dir.toString(), "--node", "meta-1", "--node", "10.0.0.7", "--client", "orders");

        assertThat(out).contains("ca.pem", "tls.ca-cert", "node-meta-1.p12", "tls.keystore of node meta-1", "node-10.0.0.7.p12",
                "client-orders.p12", "keystore-password", "tls.keystore-password-file");
        assertThat(NodeTls.from(nodeConfig("node-meta-1.p12")).enabled()).isTrue();
        assertThat(NodeTls.from(nodeConfig("node-10.0.0.7.p12")).enabled()).isTrue();
        TlsCredentials client = TlsCredentials.load(TlsFiles.fromEnvironment(Map.of(
                TlsFiles.ENV_KEYSTORE, dir.resolve("client-orders.p12").toString(),
                TlsFiles.ENV_KEYSTORE_PASSWORD_FILE, dir.resolve("keystore-password").toString(),
                TlsFiles.ENV_CA_CERT, dir.resolve("ca.pem").toString())).orElseThrow());
        assertThat(client.ownRole()).contains(TlsRole.CLIENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keystore-password")))).isEqualTo("rw-------");
    }

    @Test
    void aNodeRefusesToStartWithAClientCertificate() {
        run("certs", "--dir", dir.toString(), "--client", "orders");
        assertThatThrownBy(() -> NodeTls.from(nodeConfig("client-orders.p12"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not state the node role");
    }

    @Test
    void runningAgainKeepsTheCaSoLaterCertificatesJoinTheSameCluster() throws Exception {
        run("certs", "--dir", dir.toString(), "--node", "a");
        byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));
        String out = run("certs", "--dir", dir.toString(), "--node", "b");
        assertThat(out).contains("kept");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);
        assertThat(NodeTls.from(nodeConfig("node-b.p12")).enabled()).isTrue();
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedAtStart() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        run("certs", "--dir", dir.toString(), "--node", "a");
        run("certs", "--dir", other.toString(), "--node", "a");
        Files.copy(other.resolve("ca.pem"), dir.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> NodeTls.from(nodeConfig("node-a.p12"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not signed by the CA");
    }

    @Test
    void tlsOnWithoutItsFilesNamesTheMissingKey() {
        assertThatThrownBy(() -> NodeTls.from(RosterConfig.builder().set(ConfigKeys.TLS_ENABLED, "true").build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.keystore is empty");
        assertThat(NodeTls.from(RosterConfig.defaults()).enabled()).as("off by default").isFalse();
    }
}
