package io.roster.common.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Set;

/**
 * One process's TLS credentials, loaded once: its key and certificate (a PKCS12 keystore, chain included) and the
 * cluster CA it trusts (a PEM file). Makes the TLS contexts of its links; each admits peers of the roles given.
 */
public final class TlsCredentials {
    private final KeyManager[] keys;
    private final X509ExtendedTrustManager caTrust;
    private final X509Certificate own;

    private TlsCredentials(KeyManager[] keys, X509ExtendedTrustManager caTrust, X509Certificate own) {
        this.keys = keys;
        this.caTrust = caTrust;
        this.own = own;
    }

    /**
     * Loads the files; any problem is an {@link IllegalArgumentException} naming the file and what is wrong with
     * it, including a certificate the CA did not sign.
     */
    public static TlsCredentials load(TlsFiles files) {
        KeyStore keyStore = readKeyStore(files.keystore(), files.password());
        X509ExtendedTrustManager trust = caTrust(files.caCert());
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, files.password());
            X509Certificate[] chain = ownChain(keyStore, files.keystore());
            try {
                trust.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            } catch (CertificateException e) {
                throw new IllegalArgumentException("the certificate in " + files.keystore() + " (" + chain[0].getSubjectX500Principal()
                        + ") is not signed by the CA in " + files.caCert() + ", or has expired: " + e.getMessage(), e);
            }
            return new TlsCredentials(kmf.getKeyManagers(), trust, chain[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key in " + files.keystore() + ": " + e.getMessage(), e);
        }
    }

    /** The role this process's own certificate states (empty: none). */
    public java.util.Optional<TlsRole> ownRole() {
        return TlsRole.of(own);
    }

    public String ownSubject() {
        return own.getSubjectX500Principal().getName();
    }

    /** The server side of a port: the peer must show a certificate of the CA stating one of {@code accepted}. */
    SslContext serverContext(Set<TlsRole> accepted) {
        return new JdkSslContext(sslContext(accepted), false, ClientAuth.REQUIRE);
    }

    /** The client side of a link: this process shows its certificate; the server's must state one of {@code accepted}. */
    SslContext clientContext(Set<TlsRole> accepted) {
        return new JdkSslContext(sslContext(accepted), true, ClientAuth.NONE);
    }

    private SSLContext sslContext(Set<TlsRole> accepted) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[]{new RoleTrustManager(caTrust, accepted)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyStore readKeyStore(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS12 keystore " + file + " (wrong password, or not a keystore?): "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate[] ownChain(KeyStore keyStore, Path file) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias)) {
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain != null && chain.length > 0) {
                    X509Certificate[] x509 = new X509Certificate[chain.length];
                    for (int i = 0; i < chain.length; i++) {
                        x509[i] = (X509Certificate) chain[i];
                    }
                    return x509;
                }
            }
        }
        throw new IllegalArgumentException("the keystore " + file + " holds no private key with its certificate");
    }

    private static X509ExtendedTrustManager caTrust(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("the CA file " + caFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trusted);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA certificate file " + caFile + " (PEM expected): " + e.getMessage(), e);
        }
    }
}
