package io.kubemate.core.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One log line, the value of {@code kubemate.logs} (keyed by {@link #service()}).
 *
 * @param service the service that wrote it ({@link ServiceNames#fromLabels(Map)}); empty when unknown
 * @param time when it was written
 * @param line the line as received (redaction happens before anything leaves the process)
 * @param severity normalised severity: {@code error}, {@code warn}, {@code info}, {@code debug} or empty when unknown
 * @param labels stream labels (Loki) or resource attributes (OTLP) that are plain strings, sorted by name
 * @param traceId hex trace id the line belongs to, or empty
 * @param spanId hex span id, or empty
 * @param source where it came from: {@code loki}, {@code otlp}, {@code otlp-kafka}
 */
public record LogEntry(
        String service,
        Instant time,
        String line,
        String severity,
        Map<String, String> labels,
        String traceId,
        String spanId,
        String source) {

    public LogEntry {
        Objects.requireNonNull(time, "time");
        service = service == null ? "" : service;
        line = line == null ? "" : line;
        severity = severity == null ? "" : severity;
        labels = labels == null || labels.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        traceId = traceId == null ? "" : traceId;
        spanId = spanId == null ? "" : spanId;
        source = source == null ? "" : source;
    }

    /** Whether the severity is warn or worse. */
    public boolean isWarnOrWorse() {
        return severity.equals("error") || severity.equals("warn");
    }
}
