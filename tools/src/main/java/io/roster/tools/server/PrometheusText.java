package io.roster.tools.server;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A node's Dropwizard registry rendered as Prometheus text (format 0.0.4) for /metrics. */
final class PrometheusText {
    static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

    private final CollectorRegistry collectors = new CollectorRegistry();

    PrometheusText(MetricRegistry metrics) {
        new DropwizardExports(metrics).register(collectors);
    }

    String render() {
        StringWriter out = new StringWriter();
        try {
            TextFormat.write004(out, collectors.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
