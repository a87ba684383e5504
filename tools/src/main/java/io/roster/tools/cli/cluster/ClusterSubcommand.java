package io.roster.tools.cli.cluster;

import io.roster.common.config.ConfigException;
import io.roster.tools.cluster.ClusterException;
import io.roster.tools.cluster.LocalCluster;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The shape of every {@code roster cluster} subcommand: a required {@code --dir}, and expected failures printed as
 * one line naming the command (exit 2 for bad input, 1 for a failed operation) instead of a stack trace.
 */
abstract class ClusterSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The cluster directory (configs, logs, pids, data).")
    Path dir;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(LocalCluster.in(dir), out, err);
        } catch (ConfigException e) {
            err.println(prefix() + e.getMessage());
            return 2;
        } catch (ClusterException | IllegalStateException | UncheckedIOException e) {
            err.println(prefix() + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    String prefix() {
        return "roster cluster " + spec.name() + ": ";
    }

    abstract int execute(LocalCluster cluster, PrintWriter out, PrintWriter err);
}
