package io.roster.tools.options;

import io.roster.client.RosterClient;
import io.roster.client.RosterClientBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of the commands that act as an SDK client of the sessions (pub, sub, bench push, bench register). Not the
 * SDK's own (package-private) {@code io.roster.client.ClientOptions}: these are the flags that build one.
 */
public final class SdkClientOptions {
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

    /** A client under --app. */
    public RosterClient connect() {
        return connect(appName);
    }

    /** A client of the sessions named by these options, under {@code app}. */
    public RosterClient connect(String app) {
        return builder(app).build();
    }

    /** The builder {@link #connect(String)} uses, for a caller that sets more options (the benches). */
    public RosterClientBuilder builder(String app) {
        return RosterClient.builder()
                .sessions(addresses.sessions(sessions))
                .appName(app)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs));
    }

    /** The session addresses these options name (--sessions, else from --cluster, else the standalone server's). */
    public java.util.List<String> sessionAddresses() {
        return addresses.sessions(sessions);
    }

    /** The --cluster directory, or null when none was given. */
    public Path clusterDir() {
        return addresses.clusterDir();
    }
}
