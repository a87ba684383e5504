package io.roster.tools;

import io.roster.tools.bench.BenchCommand;
import io.roster.tools.chaos.ChaosCommand;
import io.roster.tools.cli.AppCommand;
import io.roster.tools.cli.AppsCommand;
import io.roster.tools.cli.CertsCommand;
import io.roster.tools.cli.CompletionCommand;
import io.roster.tools.cli.InterfaceCommand;
import io.roster.tools.cli.NodesCommand;
import io.roster.tools.cli.PubCommand;
import io.roster.tools.cli.PushCommand;
import io.roster.tools.cli.acl.AclCommand;
import io.roster.tools.cli.SessionsCommand;
import io.roster.tools.cli.SlotsCommand;
import io.roster.tools.cli.StatusCommand;
import io.roster.tools.cli.SubCommand;
import io.roster.tools.cli.cluster.ClusterCommand;
import io.roster.tools.cli.lever.BlacklistCommand;
import io.roster.tools.cli.lever.ClientOffCommand;
import io.roster.tools.cli.lever.ClientOnCommand;
import io.roster.tools.cli.lever.GrayPushCommand;
import io.roster.tools.cli.lever.LeversCommand;
import io.roster.tools.cli.lever.SessionCommand;
import io.roster.tools.cli.meta.MetaCommand;
import io.roster.tools.cli.query.ConnectionsCommand;
import io.roster.tools.cli.query.PublishersCommand;
import io.roster.tools.cli.query.RegistrationsCommand;
import io.roster.tools.cli.query.ServicesCommand;
import io.roster.tools.cli.query.SubscribersCommand;
import io.roster.tools.launch.ClientThreads;
import io.roster.tools.launch.SingleCommandLine;
import io.roster.tools.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `roster`: the server launcher and the CLI in one entry point. */
@Command(name = "roster", mixinStandardHelpOptions = true, version = "roster 0.1.0",
        description = "Roster service registry: run a node, or operate and try a cluster.",
        subcommands = {ServerCommand.class, PubCommand.class, SubCommand.class, StatusCommand.class, NodesCommand.class, SessionsCommand.class,
                SlotsCommand.class, AppsCommand.class, AppCommand.class, InterfaceCommand.class,
                ServicesCommand.class, PublishersCommand.class, SubscribersCommand.class, ConnectionsCommand.class, RegistrationsCommand.class,
                MetaCommand.class, PushCommand.class,
                LeversCommand.class, ClientOffCommand.class, ClientOnCommand.class, BlacklistCommand.class, GrayPushCommand.class,
                SessionCommand.class, AclCommand.class, ClusterCommand.class, BenchCommand.class, ChaosCommand.class,
                CertsCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class RosterMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = CliLogging.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "Also print the client libraries' log (SDK, bolt, jraft) on stderr; without it a command prints only its answer and its own errors.")
    boolean verbose;

    public static void main(String[] args) {
        CliLogging.apply(args);
        // A process runs one command: only that command's model is built (see SingleCommandLine).
        CommandLine cl = SingleCommandLine.forArgs(RosterMain.class, args).map(RosterMain::configured)
                .orElseGet(RosterMain::commandLine);
        int code = cl.execute(args);
        ClientThreads.release(500);
        System.exit(code);
    }

    /** The configured command line; tests run it with their own out/err writers. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new RosterMain()));
    }

    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("roster " + commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
