package io.roster.tools.options;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;
import io.roster.tools.cluster.ClusterFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Where a CLI command finds the cluster: an explicit address list wins, then {@code --cluster DIR} (the file a local
 * cluster writes), then the standalone server's default ports.
 */
public final class Addresses {
    public static final String STANDALONE_META = "127.0.0.1:9611";
    public static final String STANDALONE_SESSIONS = "127.0.0.1:9601";

    @Option(names = "--cluster", paramLabel = "DIR", description = "Take addresses from DIR/cluster.properties (see roster cluster start).")
    Path clusterDir;

    /** The --cluster directory, or null when none was given. */
    public Path clusterDir() {
        return clusterDir;
    }

    /** The addresses to use: {@code explicit} (comma-separated) if given, else the cluster file's, else {@code standalone}. */
    public List<String> resolve(String explicit, Function<ClusterFile, List<String>> fromCluster, String standalone, String what) {
        List<String> list;
        if (explicit != null && !explicit.isBlank()) {
            list = split(explicit);
        } else if (clusterDir != null) {
            list = fromCluster.apply(ClusterFile.read(clusterDir));
            if (list.isEmpty()) {
                throw new ConfigException(ClusterFile.in(clusterDir) + " lists no " + what + " addresses");
            }
        } else {
            list = split(standalone);
        }
        for (String a : list) {
            try {
                HostPort.parse(a);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(what + ": " + e.getMessage());
            }
        }
        return list;
    }

    public List<String> meta(String explicit) {
        return resolve(explicit, ClusterFile::meta, STANDALONE_META, "meta");
    }

    public List<String> sessions(String explicit) {
        return resolve(explicit, ClusterFile::sessions, STANDALONE_SESSIONS, "session");
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
