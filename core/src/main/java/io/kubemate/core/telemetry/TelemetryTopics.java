package io.kubemate.core.telemetry;

import java.util.Objects;

/**
 * Names of the telemetry and evidence topics (issue 3). Kept apart from {@link io.kubemate.core.topic.TopicSettings}
 * so the spine's settings stay as they were; the partition count and replication factor are the spine's.
 *
 * @param logs log entries, keyed by service
 * @param spans spans, keyed by trace id
 * @param changes change events, keyed by service
 * @param serviceGraph service graph edges, compacted, keyed by {@code caller->callee}
 * @param evidence evidence per incident, compacted, keyed by incident id
 * @param otlpSpans the OpenTelemetry Collector kafka exporter's spans topic, read when it exists (empty: off)
 * @param otlpLogs the OpenTelemetry Collector kafka exporter's logs topic, read when it exists (empty: off)
 * @param otlpEncoding the Collector's encoding on those topics: {@code otlp_proto} or {@code otlp_json}
 */
public record TelemetryTopics(
        String logs,
        String spans,
        String changes,
        String serviceGraph,
        String evidence,
        String otlpSpans,
        String otlpLogs,
        String otlpEncoding) {

    public TelemetryTopics {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(serviceGraph, "serviceGraph");
        Objects.requireNonNull(evidence, "evidence");
        otlpSpans = otlpSpans == null ? "" : otlpSpans;
        otlpLogs = otlpLogs == null ? "" : otlpLogs;
        otlpEncoding = otlpEncoding == null || otlpEncoding.isBlank() ? "otlp_proto" : otlpEncoding;
        if (!otlpEncoding.equals("otlp_proto") && !otlpEncoding.equals("otlp_json")) {
            throw new IllegalArgumentException("otlpEncoding must be otlp_proto or otlp_json, was " + otlpEncoding);
        }
    }

    /** The defaults: {@code kubemate.*} names and the Collector's default {@code otlp_spans} / {@code otlp_logs}. */
    public static TelemetryTopics defaults() {
        return new TelemetryTopics(
                "kubemate.logs",
                "kubemate.spans",
                "kubemate.changes",
                "kubemate.service-graph",
                "kubemate.evidence",
                "otlp_spans",
                "otlp_logs",
                "otlp_proto");
    }
}
