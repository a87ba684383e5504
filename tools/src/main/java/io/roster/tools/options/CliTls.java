package io.roster.tools.options;

import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.TlsCredentials;
import io.roster.common.tls.TlsFiles;
import io.roster.common.tls.TlsRole;

import java.util.Map;

/**
 * How the CLI's links to a cluster's meta and data ports are protected: TLS with the node certificate named by
 * ROSTER_TLS_KEYSTORE (ROSTER_TLS_KEYSTORE_PASSWORD or ..._PASSWORD_FILE, ROSTER_TLS_CA_CERT) when that is set,
 * since those ports admit node certificates only when the cluster runs tls.enabled; plain otherwise.
 */
public final class CliTls {
    private CliTls() {
    }

    public static LinkSecurity outgoing() {
        return outgoing(System.getenv());
    }

    static LinkSecurity outgoing(Map<String, String> env) {
        return TlsFiles.fromEnvironment(env)
                .map(files -> LinkSecurity.client(TlsCredentials.load(files), java.util.Set.of(TlsRole.NODE)))
                .orElse(LinkSecurity.plain());
    }
}
