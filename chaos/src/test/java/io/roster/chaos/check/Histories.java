package io.roster.chaos.check;

import io.roster.chaos.history.History;
import io.roster.chaos.history.HistoryReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The recorded histories under src/test/resources/histories, and the bounds they were written for. */
final class Histories {
    /** Lease 1 s, debounce 50 ms, margin 450 ms: ghost and convergence bounds of 1.5 s. */
    static final CheckerOptions OPTIONS = CheckerOptions.of(1000, 50, 450);

    private Histories() {
    }

    static History load(String name) {
        URL url = Histories.class.getResource("/histories/" + name + ".jsonl");
        if (url == null) {
            throw new IllegalArgumentException("no history " + name);
        }
        try {
            return HistoryReader.read(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
