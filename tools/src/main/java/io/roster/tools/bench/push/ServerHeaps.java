package io.roster.tools.bench.push;

import io.roster.tools.bench.admin.AdminMetrics;
import io.roster.tools.bench.admin.HeapAfterGc;
import io.roster.tools.bench.admin.ServerAdmins;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The session and data processes' heap after a full GC, before a load and after it, per publisher of that load.
 * Servers whose admin port cannot be read (another host, no --admin) are reported as not measured: the bench itself
 * still runs.
 */
final class ServerHeaps {
    private final Map<AdminMetrics, OptionalLong> before;
    private final String unavailable;

    private ServerHeaps(Map<AdminMetrics, OptionalLong> before, String unavailable) {
        this.before = before;
        this.unavailable = unavailable;
    }

    static ServerHeaps before(List<String> admins) {
        Map<AdminMetrics, OptionalLong> heaps = new LinkedHashMap<>();
        try {
            ServerAdmins.Scrape scrape = ServerAdmins.scrape(admins);
            for (AdminMetrics m : union(scrape)) {
                heaps.put(m, HeapAfterGc.read(m.admin()));
            }
            return new ServerHeaps(heaps, null);
        } catch (IllegalStateException e) {
            return new ServerHeaps(heaps, e.getMessage());
        }
    }

    private static List<AdminMetrics> union(ServerAdmins.Scrape scrape) {
        Map<String, AdminMetrics> byAdmin = new LinkedHashMap<>();
        scrape.sessions().forEach(m -> byAdmin.put(m.admin(), m));
        scrape.data().forEach(m -> byAdmin.putIfAbsent(m.admin(), m));
        return List.copyOf(byAdmin.values());
    }

    void printPerPublisher(int publishers, PrintWriter out) {
        printPer("publisher", publishers, out);
    }

    /** Prints each process's heap growth since {@link #before} per one of {@code count} {@code things} of the load. */
    void printPer(String thing, int count, PrintWriter out) {
        if (unavailable != null) {
            out.println("heap per " + thing + ": not measured (" + unavailable + ")");
            return;
        }
        for (Map.Entry<AdminMetrics, OptionalLong> e : before.entrySet()) {
            AdminMetrics m = e.getKey();
            String role = m.isSession() && m.isData() ? "session+data" : m.isSession() ? "session" : "data";
            OptionalLong after = HeapAfterGc.read(m.admin());
            if (e.getValue().isEmpty() || after.isEmpty()) {
                out.printf("heap per %s, %s process at admin %s: not measured (no process.pid or jvm.heap.used on its /metrics, "
                        + "or not a JVM on this host that jcmd can reach)%n", thing, role, m.admin());
            } else {
                long delta = after.getAsLong() - e.getValue().getAsLong();
                out.printf("heap per %s, %s process at admin %s, after a full GC: %d bytes (%.1f MiB for %d %ss)%n",
                        thing, role, m.admin(), delta / count, delta / 1048576.0, count, thing);
            }
        }
        out.flush();
    }
}
