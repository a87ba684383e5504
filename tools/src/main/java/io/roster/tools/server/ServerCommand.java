package io.roster.tools.server;

import io.roster.common.config.ConfigException;
import io.roster.common.config.ConfigKeys;
import io.roster.common.config.RosterConfig;
import io.roster.common.rpc.PortInUseException;
import io.roster.datastore.store.DataDirException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `roster server`: runs a node until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run a Roster node. With no options: meta, data and session in one JVM on the default ports,",
                "with state under ./data (the embedded default).",
                "Configuration: conf/roster.properties (or --config), then ROSTER_* environment variables, then --set."})
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file. Default: conf/roster.properties under the installation, if present.")
    Path configFile;

    @Option(names = "--roles", paramLabel = "ROLES", description = "Roles to run, e.g. meta,data,session (sets roster.roles).")
    String roles;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one configuration key; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        RosterConfig config;
        try {
            config = loadConfig();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("roster server: configuration error: " + e.getMessage());
            return 2;
        }
        RosterNode node;
        try {
            node = new RosterNode(config).start();
        } catch (PortInUseException | DataDirException e) {
            spec.commandLine().getErr().println("roster server: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "roster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("roster server up: " + node.describe());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    RosterConfig loadConfig() {
        Map<String, String> sets = new LinkedHashMap<>(overrides);
        if (roles != null) {
            sets.put(ConfigKeys.ROLES.name(), roles);
        }
        RosterConfig config = RosterConfig.load(resolveConfigFile(), System.getenv(), sets);
        config.bindHost(); // refuses a wildcard roster.host now, as a configuration error, not from a server's start
        return config;
    }

    private Path resolveConfigFile() {
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("configuration file " + configFile + " does not exist");
            }
            return configFile;
        }
        String home = System.getProperty("roster.home");
        if (home != null) {
            Path p = Path.of(home, "conf", "roster.properties");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
