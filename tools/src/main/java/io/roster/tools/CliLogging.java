package io.roster.tools;

import java.util.Map;
import java.util.Set;

/**
 * Where log events go in a {@code roster} process, decided from its arguments before any logger exists (logback reads
 * its configuration at the first logger, often while picocli builds the commands, so this runs first in main).
 * The CLI's own answers and failures are printed by the commands (stdout, and one line on stderr), never logged:
 * what reaches the log is the client libraries' chatter (the SDK's INFO lines, bolt, jraft), which scripts must not
 * see on stderr. So every command but the long-running ones whose log is their output runs with logging off unless
 * {@code --verbose} is given.
 */
final class CliLogging {
    /** Read by logback.xml: the level below which the console appender drops events; OFF drops everything. */
    static final String THRESHOLD_PROPERTY = "roster.log.threshold";
    /**
     * sofa-common-tools (inside bolt) prints its own notices to stderr at WARN, e.g. "Sofa-Middleware-Log is disabled!"
     * each time bolt starts, because we route bolt through our logback with sofa.middleware.log.disable. Raising its
     * console level to ERROR hides that notice and keeps its real errors.
     */
    static final String SOFA_CONSOLE_LEVEL_PROPERTY = "sofa.middleware.log.internal.level";
    static final String VERBOSE = "--verbose";

    /** Commands whose log is what the operator watches: they keep logging to stderr. */
    private static final Set<String> LOGGING_COMMANDS = Set.of("server", "bench", "chaos");

    private CliLogging() {
    }

    /** The system properties to set for {@code args}; a property the user set with -D is left alone by {@link #apply}. */
    static Map<String, String> propertiesFor(String[] args) {
        if (verbose(args) || (args.length > 0 && LOGGING_COMMANDS.contains(args[0]))) {
            return Map.of(SOFA_CONSOLE_LEVEL_PROPERTY, "ERROR");
        }
        return Map.of(SOFA_CONSOLE_LEVEL_PROPERTY, "ERROR", THRESHOLD_PROPERTY, "OFF");
    }

    static void apply(String[] args) {
        propertiesFor(args).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** Whether {@code --verbose} is among the options (not after {@code --}, where it would be an argument). */
    static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
