package io.roster.tools.options;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;
import io.roster.tools.admin.AdminClient;
import io.roster.tools.cluster.ClusterFile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The options of every command that calls a node's admin HTTP API: which port ({@code --admin}, else the first node
 * of {@code --cluster DIR}, else the standalone server's), the admin token (from {@code --token-file}, else the
 * environment variable ROSTER_ADMIN_TOKEN), the call's timeout, and the output format.
 */
public final class AdminOptions {
    public static final String STANDALONE_ADMIN = "127.0.0.1:9680";
    public static final String TOKEN_ENV = "ROSTER_ADMIN_TOKEN";

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin HTTP port of a node (default: the first node of --cluster, else " + STANDALONE_ADMIN + ").")
    String admin;

    @Option(names = "--cluster", paramLabel = "DIR", description = "Take the admin address from DIR/cluster.properties (see roster cluster start).")
    Path clusterDir;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File whose first line is the admin token (default: the environment variable " + TOKEN_ENV + ").")
    Path tokenFile;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long one call may take (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Mixin
    OutputOption output;

    /** Environment lookups go through here so tests can give their own. */
    Map<String, String> env = System.getenv();

    /** The admin address to call; a {@link ConfigException} names what is wrong with it. */
    public String address() {
        String a;
        if (admin != null && !admin.isBlank()) {
            a = admin.trim();
        } else if (clusterDir != null) {
            List<String> http = ClusterFile.read(clusterDir).http();
            if (http.isEmpty()) {
                throw new ConfigException(ClusterFile.in(clusterDir) + " lists no admin addresses");
            }
            a = http.get(0);
        } else {
            a = STANDALONE_ADMIN;
        }
        try {
            HostPort.parse(a);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--admin: " + e.getMessage());
        }
        return a;
    }

    /** The admin token, or null when none is given (reads on an open port need none). */
    public String token() {
        if (tokenFile != null) {
            return TokenFile.read(tokenFile, "--token-file");
        }
        String fromEnv = env.get(TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }

    public AdminClient client() {
        if (timeoutMs <= 0) {
            throw new ConfigException("--timeout-ms must be positive, not " + timeoutMs);
        }
        return new AdminClient(address(), token(), Duration.ofMillis(timeoutMs));
    }

    public boolean json() {
        return output.json();
    }
}
