package io.roster.chaos.history;

import java.io.IOException;

/** A history line that is not an event; the message starts with the line number. */
public final class HistoryFormatException extends IOException {
    private final int line;

    public HistoryFormatException(int line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /** 1-based. */
    public int line() {
        return line;
    }
}
