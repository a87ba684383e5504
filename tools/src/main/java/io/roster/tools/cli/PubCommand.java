package io.roster.tools.cli;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** `roster pub`: publishes data under a dataId and holds it until stopped, like a provider would. */
@Command(name = "pub", mixinStandardHelpOptions = true,
        description = {"Publish DATA under DATAID and keep it published until Ctrl-C (or kill).",
                "When the process stops, its publisher disappears and subscribers are pushed the new list."})
public final class PubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "DATAID", description = "Service name, or a full dataId#@#instanceId#@#group.")
    String dataId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DATA", description = "Data items, e.g. an address host:port.")
    List<String> data;

    private final StopSignal stop = new StopSignal();

    @Override
    public Integer call() throws Exception {
        try (RosterClient c = client.connect()) {
            Publication p = c.publish(dataId, data.toArray(String[]::new));
            spec.commandLine().getOut().println("published " + p.dataInfoId() + " " + data + " via " + c.connectedSession()
                    + " (Ctrl-C to stop)");
            spec.commandLine().getOut().flush();
            stop.await("roster-pub-stop");
        }
        return 0;
    }

    /** Ends a running {@link #call()} (for embedding and tests; Ctrl-C does the same). */
    public void stop() {
        stop.stop();
    }
}
