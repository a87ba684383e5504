package io.roster.tools.cli;

import io.roster.common.tls.TlsRole;
import io.roster.tools.certs.CertFiles;
import io.roster.tools.certs.ClusterCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code roster certs}: a cluster CA and node (and client) certificates for a test or a small installation, in the
 * formats tls.* takes, with a list of which file goes where. Run again on the same directory, it reuses the CA (and
 * the password) to issue more certificates.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Make a cluster CA and certificates for mutual TLS (tls.enabled): one per node, and optionally per client application.",
                "Files: ca.pem (every node's tls.ca-cert; the SDK's ROSTER_TLS_CA_CERT), node-NAME.p12 (that node's tls.keystore),",
                "client-NAME.p12 (an application's keystore for the SDK), keystore-password (tls.keystore-password-file),",
                "ca.p12 (the CA's own key: keep it off the nodes; run this command again on the directory to issue more)."})
public final class CertsCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "certs", description = "Where the files go (created if missing). Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--node", paramLabel = "NAME", description = "A node certificate named NAME (a host name or IP is also put in the certificate). Repeatable.")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--client", paramLabel = "APP", description = "A client certificate for the application APP (for tls.client-links). Repeatable.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity of the certificates (and of a new CA) in days. Default: ${DEFAULT-VALUE}.")
    int days;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (nodes.isEmpty() && clients.isEmpty()) {
            err.println("roster certs: name at least one --node NAME (or --client APP)");
            return 2;
        }
        for (String name : concat(nodes, clients)) {
            if (!NAME.matcher(name).matches()) {
                err.println("roster certs: '" + name + "' is not a usable name: letters, digits, '.', '_' and '-' only, at most 63");
                return 2;
            }
        }
        if (days < 1) {
            err.println("roster certs: --days must be at least 1");
            return 2;
        }
        try {
            write(out);
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            err.println("roster certs: " + e.getMessage());
            return 1;
        }
    }

    private void write(PrintWriter out) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        CertFiles files = new CertFiles(dir);
        char[] password = files.password();
        Duration validity = Duration.ofDays(days);
        ClusterCa ca;
        if (files.hasCa()) {
            ca = files.loadCa(password);
            out.println("CA      " + files.caPem() + "  (kept: " + ca.certificate().getSubjectX500Principal().getName() + ")");
        } else {
            ca = ClusterCa.create("Roster cluster CA", validity);
            files.writeCa(ca, password);
            out.println("CA      " + files.caPem() + "  -> tls.ca-cert on every node; ROSTER_TLS_CA_CERT for SDK clients");
            out.println("CA key  " + dir.resolve(CertFiles.CA_P12) + "  -> keep it off the nodes; it signs more certificates");
        }
        for (String node : nodes) {
            Path file = files.writeIssued(TlsRole.NODE, node, ca.issue(TlsRole.NODE, node, validity), password);
            out.println("node    " + file + "  -> tls.keystore of node " + node);
        }
        for (String app : clients) {
            Path file = files.writeIssued(TlsRole.CLIENT, app, ca.issue(TlsRole.CLIENT, app, validity), password);
            out.println("client  " + file + "  -> RosterClientBuilder.tls(...) or ROSTER_TLS_KEYSTORE of application " + app);
        }
        out.println("password " + files.passwordFile() + "  -> tls.keystore-password-file (and ROSTER_TLS_KEYSTORE_PASSWORD_FILE)");
        out.println();
        out.println("On each node: tls.enabled=true, tls.keystore=<its node-NAME.p12>, tls.keystore-password-file="
                + files.passwordFile().getFileName() + ", tls.ca-cert=" + CertFiles.CA_PEM
                + " (and tls.client-links=true to make clients show a certificate too).");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
