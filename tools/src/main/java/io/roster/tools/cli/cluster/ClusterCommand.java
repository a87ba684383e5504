package io.roster.tools.cli.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `roster cluster`: a local multi-process cluster kept in one directory. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, stop, kill and restart a local multi-process cluster (one JVM per node, files in --dir).",
        subcommands = {ClusterStartCommand.class, ClusterStopCommand.class, ClusterKillCommand.class, ClusterRestartCommand.class,
                ClusterStatusCommand.class})
public final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
