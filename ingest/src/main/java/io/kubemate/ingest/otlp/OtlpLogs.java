package io.kubemate.ingest.otlp;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.Severities;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps a decoded {@code ExportLogsServiceRequest} to {@link LogEntry}s. */
final class OtlpLogs {
    private final OtlpParser.Limits limits;
    private final String source;
    private final Clock clock;

    OtlpLogs(OtlpParser.Limits limits, String source, Clock clock) {
        this.limits = limits;
        this.source = source;
        this.clock = clock;
    }

    List<LogEntry> map(ExportLogsServiceRequest request) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < request.getResourceLogsCount(); i++) {
            ResourceLogs resource = request.getResourceLogs(i);
            Map<String, String> labels =
                    OtlpValues.stringAttributes(resource.getResource().getAttributesList(), limits.maxLabels());
            String service = OtlpValues.service(labels);
            for (int j = 0; j < resource.getScopeLogsCount(); j++) {
                ScopeLogs scope = resource.getScopeLogs(j);
                for (int k = 0; k < scope.getLogRecordsCount(); k++) {
                    String at = "/resourceLogs/" + i + "/scopeLogs/" + j + "/logRecords/" + k;
                    if (out.size() >= limits.maxRecords()) {
                        throw new InvalidInputException(
                                at, "too many log records: at most " + limits.maxRecords() + " per request");
                    }
                    out.add(entry(scope.getLogRecords(k), service, labels, at));
                }
            }
        }
        return out;
    }

    private LogEntry entry(LogRecord record, String service, Map<String, String> labels, String at) {
        String severity = Severities.fromOtlpNumber(record.getSeverityNumberValue());
        if (severity.isEmpty()) {
            severity = Severities.fromText(record.getSeverityText());
        }
        return new LogEntry(
                service,
                time(record, at),
                OtlpValues.text(record.getBody(), limits.maxLineChars()),
                severity,
                labels,
                OtlpValues.optionalId(record.getTraceId(), 16, at + "/traceId"),
                OtlpValues.optionalId(record.getSpanId(), 8, at + "/spanId"),
                source);
    }

    /** When it happened; when the source did not say, when it was observed; failing both, now. */
    private Instant time(LogRecord record, String at) {
        if (record.getTimeUnixNano() != 0) {
            return OtlpValues.instant(record.getTimeUnixNano(), at + "/timeUnixNano");
        }
        if (record.getObservedTimeUnixNano() != 0) {
            return OtlpValues.instant(record.getObservedTimeUnixNano(), at + "/observedTimeUnixNano");
        }
        return clock.instant();
    }
}
