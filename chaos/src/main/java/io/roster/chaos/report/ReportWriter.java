package io.roster.chaos.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.EventJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report as {@code report.json} (everything, for tools and for digging into one violation's history) and
 * {@code report.txt} (the summary a person reads first).
 */
public final class ReportWriter {
    public static final String JSON_FILE = "report.json";
    public static final String TEXT_FILE = "report.txt";
    /** Enough of each kind to see the pattern; the rest are in the JSON. */
    public static final int DEFAULT_VIOLATIONS_PER_KIND = 20;

    /** Events in a violation's history are written as the history lines they came from. */
    private static final class EventSerializer extends StdSerializer<Event> {
        EventSerializer() {
            super(Event.class);
        }

        @Override
        public void serialize(Event e, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(EventJson.toJson(e));
        }
    }

    private final ObjectMapper json;
    private final ReportText text;

    public ReportWriter() {
        this(DEFAULT_VIOLATIONS_PER_KIND);
    }

    /** @param violationsPerKind how many violations of each kind the summary lists */
    public ReportWriter(int violationsPerKind) {
        this.json = new ObjectMapper()
                .registerModule(new SimpleModule().addSerializer(Event.class, new EventSerializer()))
                .enable(SerializationFeature.INDENT_OUTPUT);
        this.text = new ReportText(violationsPerKind);
    }

    /** The report as pretty JSON. */
    public String toJson(Report report) throws IOException {
        return json.writeValueAsString(report);
    }

    /** The human summary. */
    public String summary(Report report) {
        return text.render(report);
    }

    /**
     * Writes both files into {@code dir} (created if missing).
     *
     * @return the summary, as written to {@code report.txt}
     */
    public String write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), toJson(report) + "\n", StandardCharsets.UTF_8);
        String summary = summary(report);
        Files.writeString(dir.resolve(TEXT_FILE), summary, StandardCharsets.UTF_8);
        return summary;
    }
}
