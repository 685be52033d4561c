package io.kubemate.core.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One span, trimmed to what evidence and the service graph need; the value of {@code kubemate.spans} (keyed by
 * {@link #traceId()}, so a trace's spans share a partition).
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits
 * @param parentSpanId the parent's span id, empty for a root span
 * @param service the resource's {@code service.name}, or empty
 * @param name the operation name
 * @param kind server, client, ...
 * @param start when it started
 * @param durationNanos how long it took
 * @param error whether it failed: status ERROR, an HTTP status of 500 or more, or an exception event
 * @param statusMessage the status message or the exception's message, may be empty
 * @param httpStatus the HTTP response status code, 0 when none
 * @param attributes a few string attributes kept for evidence ({@code http.route}, {@code peer.service}, {@code
 *     db.system}, {@code server.address}, {@code exception.type}, ...), sorted by name
 * @param source where it came from: {@code otlp}, {@code otlp-kafka}, {@code jaeger}
 */
public record SpanRecord(
        String traceId,
        String spanId,
        String parentSpanId,
        String service,
        String name,
        SpanKind kind,
        Instant start,
        long durationNanos,
        boolean error,
        String statusMessage,
        int httpStatus,
        Map<String, String> attributes,
        String source) {

    public SpanRecord {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(start, "start");
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
        service = service == null ? "" : service;
        name = name == null ? "" : name;
        kind = kind == null ? SpanKind.UNSPECIFIED : kind;
        statusMessage = statusMessage == null ? "" : statusMessage;
        attributes = attributes == null || attributes.isEmpty()
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        source = source == null ? "" : source;
    }

    /** Whether it is the root of its trace. */
    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** When it ended. */
    public Instant end() {
        return start.plusNanos(durationNanos);
    }

    /** Its duration in (fractional) milliseconds. */
    public double durationMillis() {
        return durationNanos / 1_000_000.0;
    }
}
