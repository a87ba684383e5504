package io.roster.common.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a certificate of the cluster CA lets its holder be, written in the certificate as a subject alternative name
 * of type URI ({@code urn:roster:role:node} or {@code urn:roster:role:client}). Only a NODE certificate opens the
 * meta and data ports, or asks a session node-only questions; a CLIENT certificate opens the session port only.
 * The role is the CA's statement, so a client's certificate cannot make it pose as a node.
 */
public enum TlsRole {
    NODE("urn:roster:role:node"),
    CLIENT("urn:roster:role:client");

    private static final int SAN_URI = 6;
    private final String uri;

    TlsRole(String uri) {
        this.uri = uri;
    }

    /** The subject alternative name (type URI) that carries this role. */
    public String uri() {
        return uri;
    }

    /** The role the certificate states; empty when it states none (or several, which the CA never signs). */
    public static Optional<TlsRole> of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        TlsRole found = null;
        for (List<?> name : names) {
            if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))) {
                for (TlsRole role : values()) {
                    if (role.uri.equals(name.get(1))) {
                        if (found != null && found != role) {
                            return Optional.empty();
                        }
                        found = role;
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
