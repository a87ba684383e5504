package io.roster.tools.bench.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One scrape of a server process's /metrics (Prometheus text, as {@code roster server} serves it on its admin port):
 * the unlabelled samples by name, dots already turned into underscores ({@code session.push.bytes} is
 * {@code session_push_bytes}).
 */
public record AdminMetrics(String admin, Map<String, Double> samples) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AdminMetrics {
        samples = Map.copyOf(samples);
    }

    /** GET http://ADMIN/metrics; an unreachable or failing port is an IllegalStateException naming it. */
    public static AdminMetrics scrape(String admin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("http://" + admin + "/metrics answered " + response.statusCode());
            }
            return new AdminMetrics(admin, parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read http://" + admin + "/metrics (the server's admin port; see --admin): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.indexOf('{') >= 0) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2) {
                try {
                    out.putIfAbsent(parts[0], Double.parseDouble(parts[1]));
                } catch (NumberFormatException ignored) {
                    // not a sample line
                }
            }
        }
        return out;
    }

    /** The sample {@code name} (or a counter's {@code name_total}), if exported. */
    public Optional<Double> value(String name) {
        Double v = samples.get(name);
        return Optional.ofNullable(v != null ? v : samples.get(name + "_total"));
    }

    /** The sample, or 0 when the process does not export it. */
    public double valueOrZero(String name) {
        return value(name).orElse(0.0);
    }

    public boolean isSession() {
        return samples.containsKey("session_publishers");
    }

    public boolean isData() {
        return samples.containsKey("data_sessions_connected");
    }
}
