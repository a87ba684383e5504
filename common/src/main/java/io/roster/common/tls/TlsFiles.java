package io.roster.common.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a process's TLS credentials are: a PKCS12 keystore with its key and certificate, the keystore's password,
 * and the cluster CA's certificate (PEM). The password is held as a char array, never printed.
 */
public record TlsFiles(Path keystore, char[] password, Path caCert) {
    public static final String ENV_KEYSTORE = "ROSTER_TLS_KEYSTORE";
    public static final String ENV_KEYSTORE_PASSWORD = "ROSTER_TLS_KEYSTORE_PASSWORD";
    public static final String ENV_KEYSTORE_PASSWORD_FILE = "ROSTER_TLS_KEYSTORE_PASSWORD_FILE";
    public static final String ENV_CA_CERT = "ROSTER_TLS_CA_CERT";

    public TlsFiles {
        if (keystore == null || caCert == null || password == null) {
            throw new IllegalArgumentException("TLS needs a keystore, its password and the CA certificate");
        }
        password = password.clone();
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    /**
     * The files named by ROSTER_TLS_KEYSTORE, ROSTER_TLS_KEYSTORE_PASSWORD (or ..._PASSWORD_FILE) and
     * ROSTER_TLS_CA_CERT; empty when ROSTER_TLS_KEYSTORE is unset or empty. The same names as the node's tls.*
     * configuration keys, so one environment serves a node and the SDK on its host.
     */
    public static Optional<TlsFiles> fromEnvironment(Map<String, String> env) {
        String keystore = env.getOrDefault(ENV_KEYSTORE, "");
        if (keystore.isBlank()) {
            return Optional.empty();
        }
        String ca = env.getOrDefault(ENV_CA_CERT, "");
        if (ca.isBlank()) {
            throw new IllegalArgumentException(ENV_KEYSTORE + " is set but " + ENV_CA_CERT + " is not: name the cluster CA's certificate (PEM)");
        }
        return Optional.of(new TlsFiles(Path.of(keystore), password(env.getOrDefault(ENV_KEYSTORE_PASSWORD, ""),
                env.getOrDefault(ENV_KEYSTORE_PASSWORD_FILE, ""), ENV_KEYSTORE_PASSWORD, ENV_KEYSTORE_PASSWORD_FILE), Path.of(ca)));
    }

    /** The password given inline or as a file (its first line); exactly one of the two. */
    public static char[] password(String inline, String file, String inlineName, String fileName) {
        if (!inline.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("set " + inlineName + " or " + fileName + ", not both");
        }
        if (file.isEmpty()) {
            return inline.toCharArray();
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the keystore password file " + file + " (" + fileName + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsFiles[keystore=" + keystore + ", caCert=" + caCert + "]";
    }
}
