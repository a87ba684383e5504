package io.roster.tools.cli;

import io.roster.tools.options.SdkClientOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The shape of pub and sub: an SDK client acting on one DATAID, held until Ctrl-C (or {@link #stop()}). */
abstract class HeldClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SdkClientOptions client;

    @Parameters(index = "0", paramLabel = "DATAID", description = "Service name, or a full dataId#@#instanceId#@#group.")
    String dataId;

    final StopSignal stop = new StopSignal();

    /** Ends a running {@link #call()} (for embedding and tests; Ctrl-C does the same). */
    public void stop() {
        stop.stop();
    }
}
