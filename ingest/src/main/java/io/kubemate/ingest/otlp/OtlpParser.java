package io.kubemate.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Parses OTLP export requests ({@code ExportTraceServiceRequest}, {@code ExportLogsServiceRequest}) in protobuf or
 * OTLP JSON into {@link SpanRecord}s and {@link LogEntry}s.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>OTLP JSON is read by its own rules: trace and span ids are hex (base64 ids, as protobuf's {@code JsonFormat}
 *       writes them, are rejected and named as such), enums are integers (enum names are rejected), 64-bit integers
 *       are decimal strings or numbers, keys are lowerCamelCase; unknown keys are ignored.
 *   <li>A span is an error when its status code is 2 (ERROR), its {@code http.response.status_code} or
 *       {@code http.status_code} is 500 or more, or it has an {@code exception} event. Only a few attributes are kept
 *       ({@code http.route}, {@code http.request.method}, {@code http.response.status_code}, {@code peer.service},
 *       {@code db.system}, {@code server.address}, {@code rpc.service}, {@code exception.type},
 *       {@code exception.message}, and their older spellings), each cut to {@link Limits#maxAttributeChars()}; the
 *       resource's {@code k8s.cluster.name} is kept on every span of it, so evidence stays within one cluster.
 *   <li>The service is the resource's {@code service.name}. A log record's line is its body as text, its severity
 *       comes from {@code severityNumber}, else {@code severityText}; its time is {@code timeUnixNano}, else
 *       {@code observedTimeUnixNano}, else the clock's now.
 *   <li>Anything that cannot be accepted raises {@link InvalidInputException} whose field is a JSON pointer in OTLP
 *       JSON's names ({@code /resourceSpans/0/scopeSpans/0/spans/3/traceId}), for protobuf bodies too; a protobuf
 *       body that does not decode is reported at {@code /}. No other exception escapes, whatever the bytes.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OtlpParser {
    /** The {@code source} of records received over OTLP/HTTP. */
    public static final String SOURCE = "otlp";

    private final OtlpJsonReader json = new OtlpJsonReader();
    private final OtlpSpans spans;
    private final OtlpLogs logs;

    /**
     * Bounds on one request.
     *
     * @param maxRecords most spans (or log records) in one request; more is rejected
     * @param maxLineChars longest log line kept, in characters; longer ones are cut
     * @param maxAttributeChars longest kept attribute value, span name or status message; longer ones are cut
     * @param maxLabels most resource attributes kept as labels of a log entry
     */
    public record Limits(int maxRecords, int maxLineChars, int maxAttributeChars, int maxLabels) {
        public Limits {
            if (maxRecords < 1 || maxLineChars < 16 || maxAttributeChars < 16 || maxLabels < 0) {
                throw new IllegalArgumentException("limits must be positive (texts at least 16 characters)");
            }
        }

        /** 100,000 records, 16 KiB lines, 1 KiB attribute values, 64 labels. */
        public static Limits defaults() {
            return new Limits(100_000, 16 * 1024, 1024, 64);
        }
    }

    /** A parser with {@link Limits#defaults()} whose records have source {@value #SOURCE}. */
    public OtlpParser(Clock clock) {
        this(clock, Limits.defaults(), SOURCE);
    }

    /**
     * @param clock stamps log records that carry no time at all
     * @param source the {@code source} of every record made ({@code otlp}, {@code otlp-kafka})
     */
    public OtlpParser(Clock clock, Limits limits, String source) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(source, "source");
        this.spans = new OtlpSpans(limits, source);
        this.logs = new OtlpLogs(limits, source, clock);
    }

    /**
     * Parses an {@code ExportTraceServiceRequest}.
     *
     * @return the spans in request order; empty for an empty request
     * @throws InvalidInputException naming the offending field
     */
    public List<SpanRecord> parseTraces(byte[] body, OtlpEncoding encoding) {
        ExportTraceServiceRequest request;
        if (encoding == OtlpEncoding.JSON) {
            request = json.traces(body);
        } else {
            try {
                request = ExportTraceServiceRequest.parseFrom(body == null ? new byte[0] : body);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                throw notProtobuf("ExportTraceServiceRequest", e);
            }
        }
        return spans.map(request);
    }

    /**
     * Parses an {@code ExportLogsServiceRequest}.
     *
     * @return the log entries in request order; empty for an empty request
     * @throws InvalidInputException naming the offending field
     */
    public List<LogEntry> parseLogs(byte[] body, OtlpEncoding encoding) {
        ExportLogsServiceRequest request;
        if (encoding == OtlpEncoding.JSON) {
            request = json.logs(body);
        } else {
            try {
                request = ExportLogsServiceRequest.parseFrom(body == null ? new byte[0] : body);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                throw notProtobuf("ExportLogsServiceRequest", e);
            }
        }
        return logs.map(request);
    }

    private static InvalidInputException notProtobuf(String message, Exception e) {
        String reason = e.getMessage() == null ? "" : ": " + OtlpJsonValues.shorten(e.getMessage());
        return new InvalidInputException("/", "the body is not a valid protobuf " + message + reason);
    }
}
