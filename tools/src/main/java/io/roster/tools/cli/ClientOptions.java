package io.roster.tools.cli;

import io.roster.client.RosterClient;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that act as a client of the sessions. */
public final class ClientOptions {
    @Option(names = "--sessions", paramLabel = "HOST:PORT,...", defaultValue = "127.0.0.1:9601",
            description = "Session addresses (default: ${DEFAULT-VALUE}, the standalone server).")
    String sessions;

    @Option(names = "--app", paramLabel = "NAME", defaultValue = "roster-cli", description = "Application name (default: ${DEFAULT-VALUE}).")
    String appName;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long to wait for a session (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    RosterClient connect() {
        return RosterClient.builder()
                .sessions(sessions)
                .appName(appName)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .build();
    }
}
