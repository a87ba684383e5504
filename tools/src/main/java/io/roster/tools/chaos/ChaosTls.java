package io.roster.tools.chaos;

import io.roster.common.config.ConfigKeys;
import io.roster.common.tls.TlsFiles;
import io.roster.common.tls.TlsRole;
import io.roster.tools.certs.CertFiles;
import io.roster.tools.certs.ClusterCa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code roster chaos --tls}: a CA of the run's own (in REPORT/certs, as {@code roster certs} makes it), one node
 * certificate every node of the chaos cluster uses, tls.enabled with tls.client-links on every node, and a client
 * certificate for the workload's SDK clients.
 */
final class ChaosTls {
    private ChaosTls() {
    }

    /** Makes the files, adds the tls.* settings to {@code overrides}; returns the SDK clients' files. */
    static TlsFiles prepare(Path dir, Map<String, String> overrides) {
        try {
            Files.createDirectories(dir);
            CertFiles files = new CertFiles(dir.toAbsolutePath());
            char[] password = files.password();
            ClusterCa ca = ClusterCa.create("Roster chaos CA", Duration.ofDays(2));
            files.writeCa(ca, password);
            Path node = files.writeIssued(TlsRole.NODE, "chaos-node", ca.issue(TlsRole.NODE, "chaos-node", Duration.ofDays(2)), password);
            Path client = files.writeIssued(TlsRole.CLIENT, "chaos", ca.issue(TlsRole.CLIENT, "chaos", Duration.ofDays(2)), password);
            overrides.put(ConfigKeys.TLS_ENABLED.name(), "true");
            overrides.put(ConfigKeys.TLS_KEYSTORE.name(), node.toString());
            overrides.put(ConfigKeys.TLS_KEYSTORE_PASSWORD_FILE.name(), files.passwordFile().toString());
            overrides.put(ConfigKeys.TLS_CA_CERT.name(), files.caPem().toString());
            overrides.put(ConfigKeys.TLS_CLIENT_LINKS.name(), "true");
            return new TlsFiles(client, password, files.caPem());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the run's certificates in " + dir + ": " + e.getMessage(), e);
        }
    }
}
