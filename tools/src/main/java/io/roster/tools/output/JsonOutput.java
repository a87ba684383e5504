package io.roster.tools.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;

/** How the CLI prints a value with {@code --json}: indented JSON, one value per command. */
public final class JsonOutput {
    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            // Only maps, lists, records, strings and numbers reach here.
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }
}
