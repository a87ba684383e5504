package io.roster.tools.cli;

import io.roster.client.RosterClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that act as a client of the sessions. */
public final class ClientOptions {
    @Option(names = "--sessions", paramLabel = "HOST:PORT,...",
            description = "Session addresses (default: from --cluster, else " + Addresses.STANDALONE_SESSIONS + ", the standalone server).")
    String sessions;

    @Mixin
    Addresses addresses;

    @Option(names = "--app", paramLabel = "NAME", defaultValue = "roster-cli", description = "Application name (default: ${DEFAULT-VALUE}).")
    String appName;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long to wait for a session (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    RosterClient connect() {
        return connect(appName);
    }

    /** A client of the sessions named by these options, under {@code app}. */
    public RosterClient connect(String app) {
        return RosterClient.builder()
                .sessions(addresses.sessions(sessions))
                .appName(app)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .build();
    }
}
