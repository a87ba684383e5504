package io.roster.tools.options;

import io.roster.common.config.ConfigException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --watch SECONDS}: ask again every SECONDS and redraw, in this process, until Ctrl-C. */
public final class WatchOption {
    @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS",
            description = "Ask again every SECONDS and redraw in place (a terminal) or print one snapshot after another, "
                    + "separated by a blank line (a pipe), until Ctrl-C.")
    Double seconds;

    /** Whether --watch was given. */
    public boolean enabled() {
        return seconds != null;
    }

    /** The pause between two polls; a {@link ConfigException} when it is not positive. */
    public Duration interval() {
        if (seconds == null || !(seconds > 0) || seconds > 86_400) {
            throw new ConfigException("--watch must be between 0 and 86400 seconds, not " + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
