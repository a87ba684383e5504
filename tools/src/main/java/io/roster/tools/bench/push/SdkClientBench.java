package io.roster.tools.bench.push;

import io.roster.client.RosterClient;
import io.roster.common.config.ConfigException;
import io.roster.tools.options.SdkClientOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The shape of the benchmarks that load a running cluster through SDK clients in this JVM (push, register, hot): the
 * clients closed after the run whatever happens, and failures as one line {@code roster bench NAME:
 * problem}: exit 2 for bad options or addresses, exit 1 when the run fails.
 */
abstract class SdkClientBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SdkClientOptions client;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "roster bench " + spec.name() + ": ";
        String invalid = invalidOptions();
        if (invalid != null) {
            err.println(name + invalid);
            return 2;
        }
        List<RosterClient> opened = new ArrayList<>();
        try {
            return run(out, opened);
        } catch (ConfigException e) {
            err.println(name + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println(name + e.getMessage());
            return 1;
        } finally {
            opened.forEach(RosterClient::close);
            out.flush();
            err.flush();
        }
    }

    /** What is wrong with the options, as one line; null when nothing is. */
    abstract String invalidOptions();

    /** The run; every client it opens goes into {@code opened}, to be closed afterwards. Returns the exit code. */
    abstract int run(PrintWriter out, List<RosterClient> opened);

    /** Sleeps between two steps of a run; an interrupt ends the run. */
    static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
