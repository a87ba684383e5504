package io.roster.tools.bench.admin;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;
import io.roster.tools.cluster.ClusterFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a bench reads the servers' own figures: the admin HTTP ports of the server processes. {@code --admin} wins,
 * then every node of {@code --cluster DIR}, then the standalone server's default admin port. Which process is a
 * session and which a data node is read from what each exports (a standalone server is both).
 */
public final class ServerAdmins {
    public static final String STANDALONE_ADMIN = "127.0.0.1:9680";

    @Option(names = "--admin", paramLabel = "HOST:PORT,...",
            description = "Admin HTTP ports of the server processes, read for their /metrics (default: every node of --cluster, else "
                    + STANDALONE_ADMIN + ", the standalone server).")
    String admin;

    /** The admin addresses to read, given the bench's --cluster directory (null if none). */
    public List<String> addresses(Path clusterDir) {
        List<String> list;
        if (admin != null && !admin.isBlank()) {
            list = Arrays.stream(admin.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else if (clusterDir != null) {
            list = ClusterFile.read(clusterDir).http();
        } else {
            list = List.of(STANDALONE_ADMIN);
        }
        for (String a : list) {
            try {
                HostPort.parse(a);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--admin: " + e.getMessage());
            }
        }
        return list;
    }

    /** One scrape of every process; those that export neither session nor data figures (meta only) are left out. */
    public static Scrape scrape(List<String> addresses) {
        List<AdminMetrics> sessions = new ArrayList<>(), data = new ArrayList<>();
        for (String a : addresses) {
            AdminMetrics m = AdminMetrics.scrape(a);
            if (m.isSession()) {
                sessions.add(m);
            }
            if (m.isData()) {
                data.add(m);
            }
        }
        return new Scrape(sessions, data);
    }

    /** The session processes' and the data processes' figures at one moment (one process may be both). */
    public record Scrape(List<AdminMetrics> sessions, List<AdminMetrics> data) {
        public double sessionSum(String name) {
            return sessions.stream().mapToDouble(m -> m.valueOrZero(name)).sum();
        }
    }
}
