package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The spans of one trace known at some moment, possibly partial (parents missing) and possibly from services whose
 * clocks disagree.
 *
 * @param traceId the trace id
 * @param spans its spans, at most one per span id, ordered by start then span id
 */
public record Trace(String traceId, List<SpanRecord> spans) {
    public Trace {
        Objects.requireNonNull(traceId, "traceId");
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /** When its earliest span started; {@link Instant#EPOCH} when it has none. */
    public Instant start() {
        return spans.stream().map(SpanRecord::start).min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** When its latest span ended; {@link Instant#EPOCH} when it has none. */
    public Instant end() {
        return spans.stream().map(SpanRecord::end).max(Instant::compareTo).orElse(Instant.EPOCH);
    }
}
