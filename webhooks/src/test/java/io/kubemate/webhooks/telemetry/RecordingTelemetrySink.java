package io.kubemate.webhooks.telemetry;

import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetrySink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records what reached the sink; can be told to fail like an unavailable Kafka. Test-only. */
public final class RecordingTelemetrySink implements TelemetrySink {
    public final List<LogEntry> logs = Collections.synchronizedList(new ArrayList<>());
    public final List<SpanRecord> spans = Collections.synchronizedList(new ArrayList<>());
    public final List<ChangeEvent> changes = Collections.synchronizedList(new ArrayList<>());
    public volatile RuntimeException failure;

    @Override
    public void appendLogs(List<LogEntry> entries) {
        failIfTold();
        logs.addAll(entries);
    }

    @Override
    public void appendSpans(List<SpanRecord> records) {
        failIfTold();
        spans.addAll(records);
    }

    @Override
    public void appendChanges(List<ChangeEvent> events) {
        failIfTold();
        changes.addAll(events);
    }

    private void failIfTold() {
        if (failure != null) {
            throw failure;
        }
    }
}
