package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Hand-built spans with valid defaults. Test-only. */
final class Spans {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private Spans() {}

    /** A server span of {@code service}, {@code millis} long, starting {@code offsetMillis} after {@link #T0}. */
    static SpanRecord span(String trace, String id, String parent, String service, long offsetMillis, long millis) {
        return new SpanRecord(
                trace,
                id,
                parent,
                service,
                "GET /" + service,
                SpanKind.SERVER,
                T0.plusMillis(offsetMillis),
                millis * 1_000_000,
                false,
                "",
                0,
                Map.of(),
                "otlp");
    }

    static SpanRecord failed(SpanRecord span, String message) {
        return new SpanRecord(
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.service(),
                span.name(),
                span.kind(),
                span.start(),
                span.durationNanos(),
                true,
                message,
                span.httpStatus(),
                span.attributes(),
                span.source());
    }

    /** {@code span} as an outgoing call with {@code attributes} added. */
    static SpanRecord client(SpanRecord span, String... attributes) {
        Map<String, String> all = new HashMap<>(span.attributes());
        for (int i = 0; i < attributes.length; i += 2) {
            all.put(attributes[i], attributes[i + 1]);
        }
        return new SpanRecord(
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.service(),
                span.name(),
                SpanKind.CLIENT,
                span.start(),
                span.durationNanos(),
                span.error(),
                span.statusMessage(),
                span.httpStatus(),
                all,
                span.source());
    }

    static SpanRecord withStatus(SpanRecord span, int httpStatus) {
        return new SpanRecord(
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.service(),
                span.name(),
                span.kind(),
                span.start(),
                span.durationNanos(),
                span.error(),
                span.statusMessage(),
                httpStatus,
                span.attributes(),
                span.source());
    }

    static SpanRecord at(SpanRecord span, Instant start) {
        return new SpanRecord(
                span.traceId(),
                span.spanId(),
                span.parentSpanId(),
                span.service(),
                span.name(),
                span.kind(),
                start,
                span.durationNanos(),
                span.error(),
                span.statusMessage(),
                span.httpStatus(),
                span.attributes(),
                span.source());
    }
}
