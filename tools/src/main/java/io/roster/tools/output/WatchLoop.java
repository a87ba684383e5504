package io.roster.tools.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * Redraws a command's answer every interval in this JVM ({@code --watch}). Each frame is rendered whole before it is
 * printed, so a slow poll never leaves half a screen. On a terminal a frame replaces the last one (ANSI home + clear);
 * to a pipe or file the frames follow each other, separated by a blank line, and no escape code is written. The loop
 * ends when stdout is closed (the reader of the pipe went away), when the thread is interrupted, after
 * {@code maxFrames} (tests), on a frame that fails with bad usage (exit 2: asking again cannot help), or with the JVM
 * on Ctrl-C. A frame that fails otherwise (meta unreachable during a failover) is reported and the loop goes on.
 */
public final class WatchLoop {
    /** ANSI: cursor home, then clear the screen. */
    static final String CLEAR = "\u001b[H\u001b[2J";

    /** How the loop waits; tests pass one that only counts. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final PrintWriter out;
    private final boolean terminal;
    private final Duration interval;
    private final Sleeper sleeper;
    private final long maxFrames;
    private final BooleanSupplier stdoutClosed;

    /**
     * @param stdoutClosed whether the stream under {@code out} has failed; needed because a PrintWriter over
     *                     System.out never sees an error (the PrintStream swallows it)
     */
    public WatchLoop(PrintWriter out, boolean terminal, Duration interval, Sleeper sleeper, long maxFrames,
                     BooleanSupplier stdoutClosed) {
        this.out = out;
        this.terminal = terminal;
        this.interval = interval;
        this.sleeper = sleeper;
        this.maxFrames = maxFrames;
        this.stdoutClosed = stdoutClosed;
    }

    /** A loop on the real clock, until stopped. */
    public static WatchLoop untilStopped(PrintWriter out, boolean terminal, Duration interval) {
        return new WatchLoop(out, terminal, interval, d -> Thread.sleep(d.toMillis()), Long.MAX_VALUE,
                System.out::checkError);
    }

    /** Whether this process's stdout is a terminal (the JDK knows only "stdin and stdout both are"; close enough). */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    /**
     * Runs {@code frame} (which prints one answer to the writer it is given and returns its exit code) until the loop
     * ends; returns the exit code of the last frame.
     */
    public int run(ToIntFunction<PrintWriter> frame) {
        int code = 0;
        for (long n = 0; n < maxFrames; n++) {
            StringWriter buffer = new StringWriter();
            code = frame.applyAsInt(new PrintWriter(buffer));
            if (terminal) {
                out.print(CLEAR);
            } else if (n > 0) {
                out.println();
            }
            out.print(buffer);
            out.flush();
            if (out.checkError() || stdoutClosed.getAsBoolean() || code == 2 || n + 1 == maxFrames) {
                break;
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return code;
    }
}
