package io.roster.tools.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.roster.common.model.DataInfoId;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The query commands' text output: one row per item, columns as wide as their widest cell, then a line saying which
 * items of how many these are, and the sessions that did not answer (their registrations are missing).
 */
final class QueryTable {
    /** A column: its header and how a cell is read from an item. */
    record Column(String header, Function<JsonNode, String> cell) {
        /** A column showing field {@code name} as text (a list as its items joined by commas). */
        static Column of(String header, String name) {
            return new Column(header, item -> text(item.get(name)));
        }

        /** The group of the item's dataInfoId (after its last separator). */
        static Column group() {
            return new Column("GROUP", item -> {
                String id = item.path("dataInfoId").asText();
                int at = id.lastIndexOf(DataInfoId.SEPARATOR);
                return at < 0 ? "" : id.substring(at + DataInfoId.SEPARATOR.length());
            });
        }
    }

    private QueryTable() {
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(",", parts);
        }
        return value.asText();
    }

    static void print(PrintWriter out, List<Column> columns, JsonNode answer) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode item : answer.path("items")) {
            rows.add(columns.stream().map(c -> c.cell().apply(item)).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        int shown = rows.size() - 1;
        long offset = answer.path("offset").asLong();
        long total = answer.path("total").asLong();
        String range = shown == 0 ? "none" : (offset + 1) + "-" + (offset + shown);
        out.println(range + " of " + total + (answer.path("truncated").asBoolean() ? "+" : ""));
        JsonNode missing = answer.path("missingSessions");
        if (missing.size() > 0) {
            out.println("sessions that did not answer (their registrations are not listed): " + text(missing));
        }
    }
}
