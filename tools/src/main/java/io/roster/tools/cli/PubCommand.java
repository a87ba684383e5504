package io.roster.tools.cli;

import io.roster.client.Publication;
import io.roster.client.RosterClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** `roster pub`: publishes data under a dataId and holds it until stopped, like a provider would. */
@Command(name = "pub", mixinStandardHelpOptions = true,
        description = {"Publish DATA under DATAID and keep it published until Ctrl-C (or kill).",
                "When the process stops, its publisher disappears and subscribers are pushed the new list."})
public final class PubCommand extends HeldClientCommand {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DATA", description = "Data items, e.g. an address host:port.")
    List<String> data;

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
}
