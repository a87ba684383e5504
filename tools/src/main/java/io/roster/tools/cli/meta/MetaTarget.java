package io.roster.tools.cli.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.roster.common.config.ConfigException;
import io.roster.common.wire.ClusterStatusReply;
import io.roster.tools.cli.Addresses;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * The options every command that talks to meta shares: where meta is ({@code --meta}, else {@code --cluster DIR},
 * else the standalone server), how long one call may take, and whether to print JSON.
 */
public final class MetaTarget {
    @Option(names = "--meta", paramLabel = "HOST:PORT,...",
            description = "Meta addresses (default: from --cluster, else " + Addresses.STANDALONE_META + ", the standalone server).")
    String meta;

    @Mixin
    Addresses addresses;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long one call to meta may take (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    private int lastExitCode;

    /** The meta addresses to ask; a {@link ConfigException} names what is wrong with them. */
    public List<String> servers() {
        if (timeoutMs <= 0) {
            throw new ConfigException("--timeout-ms must be positive, not " + timeoutMs);
        }
        return addresses.meta(meta);
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public boolean json() {
        return json;
    }

    /**
     * The cluster as the meta leader sees it, or null after printing one line {@code roster COMMAND: problem} to
     * {@code err}; {@link #lastExitCode()} then says why: 2 for bad options or addresses, 1 when meta did not answer.
     */
    public ClusterStatusReply clusterStatus(String command, PrintWriter err) {
        try {
            return ClusterStatusQuery.fetch(servers(), timeoutMs);
        } catch (ConfigException e) {
            err.println("roster " + command + ": " + e.getMessage());
            lastExitCode = 2;
        } catch (MetaCallException e) {
            err.println("roster " + command + ": " + e.getMessage());
            lastExitCode = 1;
        }
        return null;
    }

    public int lastExitCode() {
        return lastExitCode;
    }

    public static void printJson(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings and numbers reach here.
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }
}
