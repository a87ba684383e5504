package io.roster.tools.certs;

import io.roster.common.tls.TlsRole;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

/**
 * The files of a cluster CA directory, in the formats the tls.* settings and the SDK take: {@code ca.pem} (the CA
 * certificate, for tls.ca-cert), {@code ca.p12} (the CA's key: keep it off the nodes; it signs more certificates
 * later), {@code node-NAME.p12} and {@code client-NAME.p12} (PKCS12: key plus chain, for tls.keystore), and
 * {@code keystore-password} (the password of every .p12 here, for tls.keystore-password-file). Secret files are
 * readable by their owner only.
 */
public final class CertFiles {
    public static final String CA_PEM = "ca.pem";
    public static final String CA_P12 = "ca.p12";
    public static final String PASSWORD = "keystore-password";
    private static final String ALIAS = "roster";
    private final Path dir;

    public CertFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path caPem() {
        return dir.resolve(CA_PEM);
    }

    public Path passwordFile() {
        return dir.resolve(PASSWORD);
    }

    public Path keystore(TlsRole role, String name) {
        return dir.resolve(role.name().toLowerCase(java.util.Locale.ROOT) + "-" + name + ".p12");
    }

    /** The password in the directory, or a new random one written there. */
    public char[] password() throws IOException {
        Path file = passwordFile();
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        writeSecret(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
        return password.toCharArray();
    }

    /** The CA kept in the directory, if one was made before. */
    public ClusterCa loadCa(char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(CA_P12))) {
            ks.load(in, password);
        }
        return new ClusterCa((PrivateKey) ks.getKey(ALIAS, password), (X509Certificate) ks.getCertificate(ALIAS));
    }

    public boolean hasCa() {
        return Files.exists(dir.resolve(CA_P12));
    }

    public void writeCa(ClusterCa ca, char[] password) throws IOException, GeneralSecurityException {
        writeKeystore(dir.resolve(CA_P12), ca.key(), new Certificate[]{ca.certificate()}, password);
        Files.writeString(caPem(), pem(ca.certificate()), StandardCharsets.UTF_8);
    }

    public Path writeIssued(TlsRole role, String name, ClusterCa.Issued issued, char[] password) throws IOException, GeneralSecurityException {
        Path file = keystore(role, name);
        writeKeystore(file, issued.key(), new Certificate[]{issued.certificate(), issued.ca()}, password);
        return file;
    }

    private static void writeKeystore(Path file, PrivateKey key, Certificate[] chain, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password, chain);
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream()) {
            ks.store(bytes, password);
            writeSecret(file, bytes.toByteArray());
        }
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(certificate);
        }
        return text.toString();
    }

    private static void writeSecret(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    /** Default validity of the certificates made here. */
    public static Duration defaultValidity() {
        return Duration.ofDays(365);
    }
}
