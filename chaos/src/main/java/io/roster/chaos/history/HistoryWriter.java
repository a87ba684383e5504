package io.roster.chaos.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends events to a JSON lines history, one line per event, from any thread. Lines are buffered (pushes come in
 * bursts) and written out on {@link #flush()} and {@link #close()}.
 */
public final class HistoryWriter implements Closeable, Flushable {
    private final ObjectMapper json = new ObjectMapper();
    private final Writer out;
    private boolean closed;

    /** Creates {@code file}, or truncates it: a history is one run. */
    public HistoryWriter(Path file) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Writes to {@code out}, which this writer closes. */
    public HistoryWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
    }

    /**
     * Unchecked because the callers are SDK listener threads that have nobody to throw to; a recorder that cannot
     * write has no run to judge, so it should fail the run.
     *
     * @throws UncheckedIOException  the line could not be written
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void append(Event event) {
        if (closed) {
            throw new IllegalStateException("history writer is closed");
        }
        String line;
        try {
            line = json.writeValueAsString(EventJson.toJson(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + event, e); // a tree of plain nodes always renders
        }
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    /** Flushes and closes; later calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
