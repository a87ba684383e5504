package io.roster.tools.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `roster bench`: measurements of a running cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a running cluster.",
        subcommands = {FailoverCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
