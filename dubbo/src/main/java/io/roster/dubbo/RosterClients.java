package io.roster.dubbo;

import io.roster.client.RosterClient;
import io.roster.client.RosterClientBuilder;
import org.apache.dubbo.common.URL;

import java.time.Duration;

/**
 * Builds the {@link RosterClient} behind a {@code roster://host:port[?backup=host:port,...]} URL of a Dubbo registry,
 * service discovery or metadata report. The addresses are sessions (default port 9601), or meta servers with
 * {@code ?roster.meta=true}, from which the client takes the live sessions. The client's application name is the
 * Dubbo application's ({@code application} parameter), else {@code dubbo}.
 */
final class RosterClients {
    static final String META_KEY = "roster.meta";
    static final String ZONE_KEY = "roster.zone";
    static final String CONNECT_TIMEOUT_KEY = "roster.connect-timeout";
    static final int DEFAULT_SESSION_PORT = 9601;

    private RosterClients() {
    }

    static RosterClient connect(URL url, String fallbackApp) {
        String addresses = addresses(url);
        RosterClientBuilder builder = RosterClient.builder()
                .appName(url.getParameter("application", fallbackApp))
                .zone(url.getParameter(ZONE_KEY, ""))
                .connectTimeout(Duration.ofMillis(url.getParameter(CONNECT_TIMEOUT_KEY, 5000)));
        if (url.getParameter(META_KEY, false)) {
            builder.metaServers(addresses);
        } else {
            builder.sessions(addresses);
        }
        return builder.build();
    }

    /** {@code host:port,host:port}: the URL's address and its {@code backup} addresses. */
    static String addresses(URL url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a roster:// URL needs a host: " + url);
        }
        int port = url.getPort() > 0 ? url.getPort() : DEFAULT_SESSION_PORT;
        String first = host + ":" + port;
        String backup = url.getParameter("backup", "");
        return backup.isEmpty() ? first : first + "," + backup;
    }
}
