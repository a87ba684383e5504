package io.roster.tools.bench.apps;

import io.roster.common.config.ConfigException;
import io.roster.common.config.HostPort;
import io.roster.tools.bench.admin.ServerAdmins;
import io.roster.tools.cluster.ClusterFile;
import io.roster.tools.options.Addresses;
import io.roster.tools.options.SdkClientOptions;
import io.roster.tools.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * `roster bench apps`: the same pods registered interface-level, then application-level, on one running cluster
 * (the standalone server by default). P provider pods of one application serve I interfaces; C consumer pods consume
 * K of them each. Interface-level, a pod publishes I publishers and a consumer subscribes its K interfaces;
 * application-level, a pod publishes one application instance and a consumer calls subscribeInterface K times. Per
 * level: publishers and subscribers on the sessions, publishers on the data nodes, the data processes' heap, the
 * pushes and bytes when one provider pod leaves, and the entries the consumer clients hold; then the ratios.
 */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = {"Compare interface-level and application-level discovery on one running cluster: P provider pods",
                "of one application serving I interfaces, C consumer pods each consuming K of them, registered",
                "interface-level, cleaned up, then application-level. Per level: session publishers and subscribers,",
                "data-node publishers (heartbeat counts at meta) and heap after a full GC (see --admin), pushes and bytes",
                "when one provider pod leaves (session.push.acked / session.push.bytes), entries the consumer clients",
                "hold; then publishers reduced and the push-bytes ratio. A pod is one SDK client unless",
                "--provider-clients / --consumer-clients share fewer clients among the pods."})
public final class AppsBenchCommand implements Callable<Integer> {
    static final String INTERFACE_LEVEL = "interface";
    static final String APP_LEVEL = "application";

    @Spec
    CommandSpec spec;

    @Mixin
    SdkClientOptions client;

    @Mixin
    ServerAdmins admins;

    @Option(names = "--meta", paramLabel = "HOST:PORT,...",
            description = "Meta addresses, asked for the data nodes' publisher counts (default: from --cluster, else "
                    + Addresses.STANDALONE_META + ").")
    String meta;

    @Option(names = "--providers", paramLabel = "P", defaultValue = "100", description = "Provider pods (default: ${DEFAULT-VALUE}).")
    int providers;

    @Option(names = "--interfaces", paramLabel = "I", defaultValue = "50", description = "Interfaces each provider pod serves (default: ${DEFAULT-VALUE}).")
    int interfaces;

    @Option(names = "--consumers", paramLabel = "C", defaultValue = "100", description = "Consumer pods (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--consumed", paramLabel = "K", defaultValue = "10", description = "Interfaces each consumer pod consumes, at most I (default: ${DEFAULT-VALUE}).")
    int consumed;

    @Option(names = "--provider-clients", paramLabel = "N", defaultValue = "0",
            description = "SDK clients the provider pods share round-robin; 0: one client per pod (default: ${DEFAULT-VALUE}).")
    int providerClients;

    @Option(names = "--consumer-clients", paramLabel = "N", defaultValue = "0",
            description = "SDK clients the consumer pods share round-robin; 0: one client per pod (default: ${DEFAULT-VALUE}).")
    int consumerClients;

    @Option(names = "--level", paramLabel = "both|interface|application", defaultValue = "both",
            description = "Which levels to run (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "2500",
            description = "Figures are read once unchanged this long (above the heartbeat interval; default: ${DEFAULT-VALUE}).")
    long settleMs;

    @Option(names = "--timeout-secs", paramLabel = "S", defaultValue = "300", description = "Bound on each wait (default: ${DEFAULT-VALUE}).")
    int timeoutSecs;

    @Option(names = "--json", description = "Print the report as JSON (progress goes to stderr).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "roster bench apps: ";
        String invalid = invalidOptions();
        if (invalid != null) {
            err.println(name + invalid);
            err.flush();
            return 2;
        }
        try {
            AppsBenchReport report = run(json ? err : out);
            if (json) {
                JsonOutput.print(out, report.json());
            } else {
                report.print(out);
            }
            return 0;
        } catch (ConfigException e) {
            err.println(name + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(name + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    String invalidOptions() {
        if (providers < 1 || interfaces < 1 || consumers < 1 || consumed < 1 || providerClients < 0 || consumerClients < 0
                || settleMs < 1 || timeoutSecs < 1) {
            return "--providers, --interfaces, --consumers, --consumed, --settle-ms and --timeout-secs must be positive, "
                    + "--provider-clients and --consumer-clients at least 0";
        }
        if (consumed > interfaces) {
            return "--consumed (" + consumed + ") must be at most --interfaces (" + interfaces + ")";
        }
        return List.of("both", INTERFACE_LEVEL, APP_LEVEL).contains(level) ? null
                : "--level must be both, interface or application, not '" + level + "'";
    }

    private AppsBenchReport run(PrintWriter progress) {
        AppsBenchPhase.Shape shape = new AppsBenchPhase.Shape(providers, interfaces, consumers, consumed, providerClients,
                consumerClients);
        String tag = Long.toHexString(System.nanoTime());
        AppsBenchPhase phase = new AppsBenchPhase(shape, client::connect, admins.addresses(client.clusterDir()), metaServers(),
                5000, TimeUnit.SECONDS.toNanos(timeoutSecs), settleMs, ClientEntries.sdkAccessor(), progress);
        String shapeText = String.format("%d provider pods serving %d interfaces on %s, %d consumer pods consuming %d each on %s",
                providers, interfaces, clientsText(providers, providerClients), consumers, consumed,
                clientsText(consumers, consumerClients));
        progress.println("application-level discovery benchmark: " + shapeText);
        progress.flush();
        List<AppsBenchReport.Result> results = new ArrayList<>();
        if (!level.equals(APP_LEVEL)) {
            results.add(phase.run(new Workload.InterfaceLevel(), interfaceIds("roster.bench.apps." + tag + ".iface")));
        }
        if (!level.equals(INTERFACE_LEVEL)) {
            results.add(phase.run(new Workload.ApplicationLevel("bench-apps-" + tag),
                    interfaceIds("roster.bench.apps." + tag + ".app")));
        }
        return new AppsBenchReport(shapeText, results);
    }

    static String clientsText(int pods, int shared) {
        return shared == 0 || shared >= pods ? pods + " SDK clients (one per pod)" : shared + " shared SDK clients";
    }

    /** Each level gets interfaces of its own: the pairs an application-level run leaves (add-only) never touch the other. */
    private List<String> interfaceIds(String prefix) {
        return IntStream.range(0, interfaces).mapToObj(i -> prefix + ".Iface" + i).toList();
    }

    private List<String> metaServers() {
        List<String> list;
        if (meta != null && !meta.isBlank()) {
            list = Arrays.stream(meta.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else if (client.clusterDir() != null) {
            list = ClusterFile.read(client.clusterDir()).meta();
        } else {
            list = List.of(Addresses.STANDALONE_META);
        }
        for (String a : list) {
            try {
                HostPort.parse(a);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--meta: " + e.getMessage());
            }
        }
        return list;
    }
}
