package io.roster.tools.launch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Optional;

/**
 * The command line of a process that runs one named subcommand: picocli builds the model of every subcommand it is
 * given (reflection over each class, its options and mixins), which for the whole tree costs more start-up time than
 * a read command's own work, so a process whose first argument names a subcommand gets a root holding that one alone.
 * The root has the same name and standard options as {@code RosterMain} (its own version is never asked: a first
 * argument that is an option gets the whole tree), so the subcommand's usage, errors and exit codes are the ones the
 * whole tree gives. {@code completion} always gets the whole tree: its script is generated from it.
 */
public final class SingleCommandLine {
    private SingleCommandLine() {
    }

    /** The root without subcommands; the chosen one is added to it. */
    @Command(name = "roster", mixinStandardHelpOptions = true)
    static final class Root implements Runnable {
        /** As {@code RosterMain}'s: every command takes it (the logging it turns on is set up before parsing). */
        @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
                description = "Also print the client libraries' log (SDK, bolt, jraft) on stderr; without it a command prints only its answer and its own errors.")
        boolean verbose;

        @Override
        public void run() {
            throw new IllegalStateException("the single-command root runs only its subcommand");
        }
    }

    /**
     * A root with only the subcommand of {@code rootClass} named by {@code args[0]}, or empty when there is none
     * ({@code help}, an option, a misspelt name: those get the whole tree and its messages).
     */
    public static Optional<CommandLine> forArgs(Class<?> rootClass, String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || args[0].equals("completion")) {
            return Optional.empty(); // the completion script is generated from the whole tree
        }
        Command rootAnnotation = rootClass.getAnnotation(Command.class);
        for (Class<?> sub : rootAnnotation.subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c != null && names(c, args[0]) && !sub.equals(CommandLine.HelpCommand.class)) {
                CommandLine root = new CommandLine(new Root());
                root.addSubcommand(new CommandLine(sub));
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    private static boolean names(Command c, String arg) {
        if (c.name().equals(arg)) {
            return true;
        }
        for (String alias : c.aliases()) {
            if (alias.equals(arg)) {
                return true;
            }
        }
        return false;
    }
}
