package io.kubemate.core.telemetry;

import java.util.List;

/**
 * Where received telemetry is durably appended. Like {@link io.kubemate.core.alert.AlertSink}, every method returns
 * only once all records are acknowledged by Kafka, and throws {@link io.kubemate.core.error.UnavailableException}
 * when that did not happen within a bounded time.
 */
public interface TelemetrySink {
    /** Appends log entries to {@code kubemate.logs}. */
    void appendLogs(List<LogEntry> entries);

    /** Appends spans to {@code kubemate.spans}. */
    void appendSpans(List<SpanRecord> spans);

    /** Appends change events to {@code kubemate.changes}. */
    void appendChanges(List<ChangeEvent> changes);
}
