package io.roster.tools.bench;

import io.roster.tools.bench.apps.AppsBenchCommand;
import io.roster.tools.bench.datanode.DataBenchCommand;
import io.roster.tools.bench.failover.FailoverCommand;
import io.roster.tools.bench.push.FloodBenchCommand;
import io.roster.tools.bench.push.HotBenchCommand;
import io.roster.tools.bench.push.PushBenchCommand;
import io.roster.tools.bench.push.RegisterBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `roster bench`: measurements of a running cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a cluster: failover, push latency and throughput, registrations per second, changes to one big service, interface-level against application-level discovery, push latency while one client floods registrations, or the data role on a cluster it starts.",
        subcommands = {FailoverCommand.class, DataBenchCommand.class, PushBenchCommand.class, RegisterBenchCommand.class,
                HotBenchCommand.class, AppsBenchCommand.class, FloodBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
