package io.roster.common.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Trusts a peer only if its chain leads to the cluster CA (the JDK's PKIX check, {@code delegate}) and its
 * certificate states one of the {@code accepted} roles. Runs inside the TLS handshake, so a peer refused here never
 * gets a byte to bolt. No host name check: nodes are addressed by IP and named by role, not by host.
 */
final class RoleTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Set<TlsRole> accepted;

    RoleTrustManager(X509ExtendedTrustManager delegate, Set<TlsRole> accepted) {
        this.delegate = delegate;
        this.accepted = Set.copyOf(accepted);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        requireRole(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        requireRole(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        requireRole(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        requireRole(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void requireRole(X509Certificate[] chain) throws CertificateException {
        TlsRole role = TlsRole.of(chain[0]).orElseThrow(() -> new CertificateException(
                "certificate " + chain[0].getSubjectX500Principal() + " states no Roster role"));
        if (!accepted.contains(role)) {
            throw new CertificateException("certificate " + chain[0].getSubjectX500Principal() + " is a " + role
                    + " certificate; this link admits " + accepted);
        }
    }
}
