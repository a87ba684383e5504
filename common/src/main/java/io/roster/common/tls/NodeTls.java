package io.roster.common.tls;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * A node's TLS, from its tls.* settings: which protection each of its ports and its outgoing links get. Off (the
 * default) everything stays plain. On, the meta and data ports admit NODE certificates only, the session port
 * takes NODE and CLIENT certificates (and, without tls.client-links, plain clients too), and every link this node
 * opens shows its node certificate and requires a NODE certificate from the server.
 */
public final class NodeTls {
    private static final NodeTls OFF = new NodeTls(null, false);
    private final TlsCredentials credentials;
    private final boolean clientLinks;

    private NodeTls(TlsCredentials credentials, boolean clientLinks) {
        this.credentials = credentials;
        this.clientLinks = clientLinks;
    }

    public static NodeTls off() {
        return OFF;
    }

    /** The settings of {@code config}; with tls.enabled the files are loaded now, and any problem names its key. */
    public static NodeTls from(RosterConfig config) {
        if (!config.get(ConfigKeys.TLS_ENABLED)) {
            return OFF;
        }
        String keystore = required(config, ConfigKeys.TLS_KEYSTORE.name(), config.get(ConfigKeys.TLS_KEYSTORE));
        String ca = required(config, ConfigKeys.TLS_CA_CERT.name(), config.get(ConfigKeys.TLS_CA_CERT));
        TlsCredentials credentials;
        try {
            char[] password = TlsFiles.password(config.get(ConfigKeys.TLS_KEYSTORE_PASSWORD), config.get(ConfigKeys.TLS_KEYSTORE_PASSWORD_FILE),
                    ConfigKeys.TLS_KEYSTORE_PASSWORD.name(), ConfigKeys.TLS_KEYSTORE_PASSWORD_FILE.name());
            credentials = TlsCredentials.load(new TlsFiles(Path.of(keystore), password, Path.of(ca)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tls.enabled: " + e.getMessage());
        }
        if (credentials.ownRole().filter(r -> r == TlsRole.NODE).isEmpty()) {
            throw new ConfigException("tls.enabled: the certificate in " + keystore + " (" + credentials.ownSubject()
                    + ") does not state the node role (" + TlsRole.NODE.uri() + "); give this node a node certificate (roster certs --node NAME)");
        }
        return new NodeTls(credentials, config.get(ConfigKeys.TLS_CLIENT_LINKS));
    }

    private static String required(RosterConfig config, String key, String value) {
        if (value.isBlank()) {
            throw new ConfigException("tls.enabled is true (from " + config.sourceOf(ConfigKeys.TLS_ENABLED) + ") but " + key + " is empty");
        }
        return value;
    }

    public boolean enabled() {
        return credentials != null;
    }

    /** The meta and data ports: TLS only, NODE certificates only. */
    public LinkSecurity nodePort() {
        return enabled() ? LinkSecurity.server(credentials, EnumSet.of(TlsRole.NODE), false) : LinkSecurity.plain();
    }

    /** The session port: NODE and CLIENT certificates; plain connections too unless tls.client-links. */
    public LinkSecurity sessionPort() {
        return enabled() ? LinkSecurity.server(credentials, EnumSet.of(TlsRole.NODE, TlsRole.CLIENT), !clientLinks) : LinkSecurity.plain();
    }

    /** Links this node opens (to meta, data and session ports): its node certificate out, a NODE certificate back. */
    public LinkSecurity outgoing() {
        return enabled() ? LinkSecurity.client(credentials, Set.of(TlsRole.NODE)) : LinkSecurity.plain();
    }
}
