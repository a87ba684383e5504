package io.roster.chaos.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON lines history (see {@link EventJson} for the line format). Blank lines are skipped. */
public final class HistoryReader {
    private HistoryReader() {
    }

    /** @throws HistoryFormatException at the first line that is not an event */
    public static History read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in);
        }
    }

    /** Reads {@code in} to its end; does not close it. */
    public static History read(Reader in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Event> events = new ArrayList<>();
        int lineNo = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(line);
                events.add(EventJson.fromJson(node));
            } catch (JsonProcessingException e) {
                throw new HistoryFormatException(lineNo, "not JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new HistoryFormatException(lineNo, e.getMessage(), e);
            }
        }
        return new History(events);
    }
}
