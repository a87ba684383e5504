package io.roster.tools.chaos;

import io.roster.tools.cluster.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network cuts between the node processes of one local cluster, on loopback. Every node is launched in its own
 * cgroup (v2), and a mangle rule marks each TCP connection with the cgroup of the process that opened it. A cut
 * between nodes A and B then drops, in both directions, every packet of the connections A opened to B's port and
 * of those B opened to A's port: established connections stall, new ones time out, as across a broken network.
 * Everything else (clients, the harness's probes, other nodes) is untouched. Needs root, iptables and cgroup v2.
 */
final class NodeNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeNetwork.class);

    private final Path cgroupRoot;
    private final String prefix;
    private final int markBase;
    /** node name -> its connection mark; in launch order. */
    private final Map<String, Integer> marks = new LinkedHashMap<>();
    /** Rules added, as the iptables arguments that added them (table first), to delete at close. */
    private final List<List<String>> rules = new ArrayList<>();
    private boolean closed;

    private NodeNetwork(Path cgroupRoot, String prefix, int markBase) {
        this.cgroupRoot = cgroupRoot;
        this.prefix = prefix;
        this.markBase = markBase;
    }

    /** A network for one cluster, or why this machine cannot cut links. */
    static NodeNetwork open() {
        Optional<Path> root = cgroup2Root();
        if (root.isEmpty()) {
            throw new IllegalStateException("partition faults need a cgroup v2 hierarchy (none in /proc/mounts)");
        }
        try {
            run(List.of("iptables", "-w", "-S", "OUTPUT"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("partition faults need iptables as root (apt-get install iptables): "
                    + e.getMessage(), e);
        }
        long pid = ProcessHandle.current().pid();
        // Marks unique to this harness process, so that two runs on one machine never match each other's links.
        return new NodeNetwork(root.get(), "roster-chaos-" + pid + "-", (int) ((pid & 0x7fff) << 8));
    }

    private static Optional<Path> cgroup2Root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("cgroup2")) {
                    return Optional.of(Path.of(f[1]));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The node's command, run by a shell that first moves itself into the node's cgroup and then execs it (same
     * pid): every socket the node ever opens belongs to that cgroup.
     */
    synchronized List<String> wrap(NodeName node, List<String> command) {
        String name = node.toString();
        Path cgroup = cgroupRoot.resolve(prefix + name);
        if (!marks.containsKey(name)) {
            try {
                Files.createDirectories(cgroup);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create cgroup " + cgroup + ": " + e.getMessage(), e);
            }
            int mark = markBase + marks.size() + 1;
            add(List.of("-t", "mangle", "-A", "OUTPUT", "-m", "cgroup", "--path", prefix + name, "-m", "conntrack",
                    "--ctstate", "NEW", "-j", "CONNMARK", "--set-mark", Integer.toString(mark)));
            marks.put(name, mark);
        }
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > '" + cgroup.resolve("cgroup.procs") + "' && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Cuts every link between node {@code a} (serving on {@code aPort}) and node {@code b}, both ways. */
    synchronized void cut(String a, int aPort, String b, int bPort) {
        add(drop(a, bPort));
        add(drop(b, aPort));
    }

    /** Undoes {@link #cut} of the same pair. */
    synchronized void heal(String a, int aPort, String b, int bPort) {
        remove(drop(a, bPort));
        remove(drop(b, aPort));
    }

    /** The packets of the connections {@code from} opened to {@code port}, whichever way they go. */
    private List<String> drop(String from, int port) {
        Integer mark = marks.get(from);
        if (mark == null) {
            throw new IllegalStateException(from + " was not launched in this cluster's network");
        }
        return List.of("-t", "filter", "-I", "OUTPUT", "-m", "connmark", "--mark", Integer.toString(mark),
                "-m", "conntrack", "--ctorigdstport", Integer.toString(port), "-j", "DROP");
    }

    private void add(List<String> rule) {
        run(command(rule));
        rules.add(rule);
    }

    private void remove(List<String> rule) {
        if (rules.remove(rule)) {
            run(command(deleting(rule)));
        }
    }

    private static List<String> command(List<String> rule) {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
        cmd.addAll(rule);
        return cmd;
    }

    private static List<String> deleting(List<String> rule) {
        List<String> out = new ArrayList<>(rule);
        int i = out.indexOf("-I");
        if (i < 0) {
            i = out.indexOf("-A");
        }
        out.set(i, "-D");
        return out;
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + exit + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    /** Removes every rule still in place, then the cgroups (empty once the nodes are stopped). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (List<String> rule : List.copyOf(rules)) {
            try {
                run(command(deleting(rule)));
            } catch (IllegalStateException e) {
                LOG.warn("could not remove iptables rule: {}", e.getMessage());
            }
        }
        rules.clear();
        for (String name : marks.keySet()) {
            try {
                Files.deleteIfExists(cgroupRoot.resolve(prefix + name));
            } catch (IOException e) {
                LOG.warn("could not remove cgroup {}{}: {}", prefix, name, e.getMessage());
            }
        }
    }
}
