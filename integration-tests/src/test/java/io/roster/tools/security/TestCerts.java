package io.roster.tools.security;

import io.roster.common.config.ConfigKey;
import io.roster.common.config.ConfigKeys;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.TlsCredentials;
import io.roster.common.tls.TlsFiles;
import io.roster.common.tls.TlsRole;
import io.roster.testkit.TempDirs;
import io.roster.tools.certs.CertFiles;
import io.roster.tools.certs.ClusterCa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A cluster CA in a temporary directory, made the way {@code roster certs} makes one, with a node certificate
 * ("node"), a client certificate ("app"); {@link #rogue()} is another CA with the same names, for intruders.
 */
final class TestCerts implements AutoCloseable {
    private final CertFiles files;
    private final char[] password;

    private TestCerts(Path dir) throws Exception {
        this.files = new CertFiles(dir);
        this.password = files.password();
        ClusterCa ca = ClusterCa.create("test CA " + dir.getFileName(), Duration.ofDays(1));
        files.writeCa(ca, password);
        files.writeIssued(TlsRole.NODE, "node", ca.issue(TlsRole.NODE, "node", Duration.ofDays(1)), password);
        files.writeIssued(TlsRole.CLIENT, "app", ca.issue(TlsRole.CLIENT, "app", Duration.ofDays(1)), password);
    }

    static TestCerts create() {
        try {
            return new TestCerts(TempDirs.create("roster-certs"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node settings: TLS on, this CA's node certificate, clients must show certificates if {@code clientLinks}. */
    Map<ConfigKey<?>, Object> nodeSettings(boolean clientLinks) {
        Map<ConfigKey<?>, Object> s = new LinkedHashMap<>();
        s.put(ConfigKeys.TLS_ENABLED, true);
        s.put(ConfigKeys.TLS_KEYSTORE, files.keystore(TlsRole.NODE, "node"));
        s.put(ConfigKeys.TLS_KEYSTORE_PASSWORD_FILE, files.passwordFile());
        s.put(ConfigKeys.TLS_CA_CERT, files.caPem());
        s.put(ConfigKeys.TLS_CLIENT_LINKS, clientLinks);
        return s;
    }

    TlsFiles tlsFiles(TlsRole role) {
        return new TlsFiles(keystore(role), password.clone(), files.caPem());
    }

    Path keystore(TlsRole role) {
        return files.keystore(role, role == TlsRole.NODE ? "node" : "app");
    }

    Path caPem() {
        return files.caPem();
    }

    char[] password() {
        return password.clone();
    }

    /** Outgoing links showing this CA's certificate of {@code role}, expecting a node certificate back. */
    LinkSecurity outgoing(TlsRole role) {
        return LinkSecurity.client(TlsCredentials.load(tlsFiles(role)), Set.of(TlsRole.NODE));
    }

    @Override
    public void close() {
        TempDirs.delete(files.dir());
    }
}
