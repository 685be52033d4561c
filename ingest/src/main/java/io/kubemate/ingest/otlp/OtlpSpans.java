package io.kubemate.ingest.otlp;

import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.telemetry.Clusters;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Maps a decoded {@code ExportTraceServiceRequest} to {@link SpanRecord}s. */
final class OtlpSpans {
    /** The span attributes kept for evidence; everything else is dropped. */
    static final Set<String> KEPT = Set.of(
            "http.route",
            "http.request.method",
            "http.method",
            "http.response.status_code",
            "http.status_code",
            "peer.service",
            "db.system",
            "db.system.name",
            "server.address",
            "rpc.service",
            "exception.type",
            "exception.message");

    private static final List<String> HTTP_STATUS = List.of("http.response.status_code", "http.status_code");

    private final OtlpParser.Limits limits;
    private final String source;

    OtlpSpans(OtlpParser.Limits limits, String source) {
        this.limits = limits;
        this.source = source;
    }

    List<SpanRecord> map(ExportTraceServiceRequest request) {
        List<SpanRecord> out = new ArrayList<>();
        for (int i = 0; i < request.getResourceSpansCount(); i++) {
            ResourceSpans resource = request.getResourceSpans(i);
            Map<String, String> resourceAttributes =
                    OtlpValues.stringAttributes(resource.getResource().getAttributesList(), limits.maxLabels());
            String service = OtlpValues.service(resourceAttributes);
            String cluster = Clusters.fromLabels(resourceAttributes);
            for (int j = 0; j < resource.getScopeSpansCount(); j++) {
                ScopeSpans scope = resource.getScopeSpans(j);
                for (int k = 0; k < scope.getSpansCount(); k++) {
                    String at = "/resourceSpans/" + i + "/scopeSpans/" + j + "/spans/" + k;
                    if (out.size() >= limits.maxRecords()) {
                        throw new InvalidInputException(
                                at, "too many spans: at most " + limits.maxRecords() + " per request");
                    }
                    out.add(span(scope.getSpans(k), service, cluster, at));
                }
            }
        }
        return out;
    }

    private SpanRecord span(Span span, String service, String cluster, String at) {
        Instant start = OtlpValues.instant(span.getStartTimeUnixNano(), at + "/startTimeUnixNano");
        if (span.getStartTimeUnixNano() == 0) {
            throw new InvalidInputException(at + "/startTimeUnixNano", "startTimeUnixNano is required");
        }
        long end = span.getEndTimeUnixNano();
        OtlpValues.instant(end, at + "/endTimeUnixNano");
        long duration = end > span.getStartTimeUnixNano() ? end - span.getStartTimeUnixNano() : 0;

        Map<String, String> kept = new TreeMap<>();
        if (!cluster.isEmpty()) {
            kept.put(Clusters.ATTRIBUTE, OtlpValues.truncate(cluster, limits.maxAttributeChars()));
        }
        int httpStatus = 0;
        for (KeyValue kv : span.getAttributesList()) {
            if (KEPT.contains(kv.getKey())) {
                kept.put(kv.getKey(), OtlpValues.text(kv.getValue(), limits.maxAttributeChars()));
            }
            if (httpStatus == 0 && HTTP_STATUS.contains(kv.getKey())) {
                httpStatus = httpStatus(kv.getValue());
            }
        }
        boolean exception = false;
        for (Span.Event event : span.getEventsList()) {
            if (event.getName().equals("exception")) {
                exception = true;
                for (KeyValue kv : event.getAttributesList()) {
                    if (kv.getKey().equals("exception.type") || kv.getKey().equals("exception.message")) {
                        kept.putIfAbsent(kv.getKey(), OtlpValues.text(kv.getValue(), limits.maxAttributeChars()));
                    }
                }
            }
        }
        boolean statusError = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
        String message = span.getStatus().getMessage().isBlank()
                ? kept.getOrDefault("exception.message", "")
                : OtlpValues.truncate(span.getStatus().getMessage(), limits.maxAttributeChars());
        return new SpanRecord(
                OtlpValues.requiredId(span.getTraceId(), 16, at + "/traceId"),
                OtlpValues.requiredId(span.getSpanId(), 8, at + "/spanId"),
                OtlpValues.optionalId(span.getParentSpanId(), 8, at + "/parentSpanId"),
                service,
                OtlpValues.truncate(span.getName(), limits.maxAttributeChars()),
                SpanKind.ofOtlp(span.getKindValue()),
                start,
                duration,
                statusError || httpStatus >= 500 || exception,
                message,
                httpStatus,
                kept,
                source);
    }

    /** An HTTP status code attribute (int, or a numeric string); 0 when it is not one. */
    private static int httpStatus(AnyValue value) {
        long code;
        if (value.getValueCase() == AnyValue.ValueCase.INT_VALUE) {
            code = value.getIntValue();
        } else if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE
                && value.getStringValue().matches("[0-9]{3}")) {
            code = Long.parseLong(value.getStringValue());
        } else {
            return 0;
        }
        return code >= 100 && code <= 999 ? (int) code : 0;
    }
}
