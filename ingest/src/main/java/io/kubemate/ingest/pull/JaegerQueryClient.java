package io.kubemate.ingest.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.SpanKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jaeger query's {@code GET /api/traces} for one service's error traces (FORMATS.md §4.1): microsecond {@code
 * start}/{@code end}, {@code tags={"error":"true"}}, and the {@code {data, errors}} envelope turned into {@link
 * SpanRecord} (source {@code jaeger}, ids padded to 32 and 16 hex digits, the service from the trace's processes).
 */
final class JaegerQueryClient {
    static final String PATH = "/api/traces";
    static final String SOURCE = "jaeger";

    /** Spans kept from one answer at most. */
    static final int MAX_SPANS = 5_000;

    private static final int MAX_VALUE_CHARS = 256;
    private static final List<String> KEPT_TAGS = List.of(
            "http.route",
            "http.request.method",
            "http.method",
            "url.path",
            "http.target",
            "peer.service",
            "db.system",
            "db.system.name",
            "db.namespace",
            "db.name",
            "server.address",
            "net.peer.name",
            "rpc.service",
            "rpc.method",
            "messaging.system",
            "messaging.destination.name");

    private final PullHttp http;

    JaegerQueryClient(PullHttp http) {
        this.http = http;
    }

    /**
     * The spans of up to {@code limit} traces of {@code service} in [{@code from}, {@code to}] that hold an error.
     *
     * @throws UnavailableException on timeouts, refused connections, 429 and 5xx (also in the {@code errors}
     *     envelope)
     * @throws QueryRejectedException when Jaeger refuses the query (4xx)
     * @throws MalformedResponseException when the answer is not Jaeger's documented format
     * @throws ResponseTooLargeException when the answer exceeds the byte limit
     */
    List<SpanRecord> errorTraces(String service, Instant from, Instant to, int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("start", Long.toString(epochMicros(from)));
        params.put("end", Long.toString(epochMicros(to)));
        params.put("limit", Integer.toString(limit));
        params.put("tags", "{\"error\":\"true\"}");
        return parse(http.getJson(PATH, params), MAX_SPANS);
    }

    static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** The spans of a {@code /api/traces} answer, at most {@code maxSpans}. */
    static List<SpanRecord> parse(JsonNode root, int maxSpans) {
        JsonNode data = root.path("data");
        JsonNode errors = root.path("errors");
        if (errors.isArray() && !errors.isEmpty() && (!data.isArray() || data.isEmpty())) {
            throw envelopeError(errors);
        }
        if (data.isNull() || data.isMissingNode()) {
            return List.of();
        }
        if (!data.isArray()) {
            throw new MalformedResponseException("jaeger: /data is not an array");
        }
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < data.size() && spans.size() < maxSpans; i++) {
            JsonNode trace = data.get(i);
            Map<String, String> services = services(trace.path("processes"));
            JsonNode list = trace.path("spans");
            if (!list.isArray()) {
                throw new MalformedResponseException("jaeger: /data/" + i + "/spans is not an array");
            }
            for (int j = 0; j < list.size() && spans.size() < maxSpans; j++) {
                spans.add(span(list.get(j), "/data/" + i + "/spans/" + j, services));
            }
        }
        return spans;
    }

    private static RuntimeException envelopeError(JsonNode errors) {
        int code = errors.get(0).path("code").asInt(0);
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.path("msg").asText("")));
        String message = "jaeger answered an error (" + code + "): " + Texts.oneLine(String.join("; ", messages), 300);
        if (code >= 400 && code < 500) {
            return new QueryRejectedException(message, code);
        }
        return new UnavailableException(message, Duration.ofSeconds(5), null);
    }

    private static Map<String, String> services(JsonNode processes) {
        Map<String, String> out = new HashMap<>();
        if (processes.isObject()) {
            processes
                    .properties()
                    .forEach(e -> out.put(
                            e.getKey(),
                            Texts.cut(e.getValue().path("serviceName").asText(""), MAX_VALUE_CHARS)));
        }
        return out;
    }

    private static SpanRecord span(JsonNode span, String pointer, Map<String, String> services) {
        String traceId = Texts.hexId(span.path("traceID").asText(""), 32);
        String spanId = Texts.hexId(span.path("spanID").asText(""), 16);
        if (traceId.isEmpty() || spanId.isEmpty()) {
            throw new MalformedResponseException("jaeger: " + pointer + " has no hex traceID and spanID");
        }
        if (!span.path("startTime").isNumber() || !span.path("duration").isNumber()) {
            throw new MalformedResponseException("jaeger: " + pointer + " has no numeric startTime and duration");
        }
        long startMicros = span.path("startTime").longValue();
        Instant start = Instant.ofEpochSecond(
                Math.floorDiv(startMicros, 1_000_000L), Math.floorMod(startMicros, 1_000_000L) * 1_000L);
        long durationNanos = Math.max(0, span.path("duration").longValue()) * 1_000L;
        Map<String, JsonNode> tags = keyValues(span.path("tags"));
        Map<String, JsonNode> exception = exceptionEvent(span.path("logs"));
        int httpStatus = httpStatus(tags);
        boolean error = isTrue(tags.get("error"))
                || text(tags.get("otel.status_code")).equalsIgnoreCase("ERROR")
                || httpStatus >= 500
                || !exception.isEmpty();
        String message = text(tags.get("otel.status_description"));
        if (message.isEmpty()) {
            message = text(exception.get("exception.message"));
        }
        Map<String, String> attributes = new HashMap<>();
        for (String key : KEPT_TAGS) {
            String value = text(tags.get(key));
            if (!value.isEmpty()) {
                attributes.put(key, Texts.cut(value, MAX_VALUE_CHARS));
            }
        }
        String exceptionType = text(exception.get("exception.type"));
        if (!exceptionType.isEmpty()) {
            attributes.put("exception.type", Texts.cut(exceptionType, MAX_VALUE_CHARS));
        }
        String service = services.getOrDefault(
                span.path("processID").asText(""),
                span.path("process").path("serviceName").asText(""));
        return new SpanRecord(
                traceId,
                spanId,
                parent(span.path("references"), traceId),
                service,
                Texts.cut(span.path("operationName").asText(""), MAX_VALUE_CHARS),
                kind(text(tags.get("span.kind"))),
                start,
                durationNanos,
                error,
                Texts.cut(message, 500),
                httpStatus,
                attributes,
                SOURCE);
    }

    /** The first CHILD_OF reference in the same trace, else the first FOLLOWS_FROM one (as Jaeger's model does). */
    private static String parent(JsonNode references, String traceId) {
        if (!references.isArray()) {
            return "";
        }
        String followsFrom = "";
        for (JsonNode ref : references) {
            String refTrace = Texts.hexId(ref.path("traceID").asText(traceId), 32);
            String refSpan = Texts.hexId(ref.path("spanID").asText(""), 16);
            if (refSpan.isEmpty() || !refTrace.equals(traceId)) {
                continue;
            }
            String type = ref.path("refType").asText("");
            if (type.equals("CHILD_OF")) {
                return refSpan;
            }
            if (type.equals("FOLLOWS_FROM") && followsFrom.isEmpty()) {
                followsFrom = refSpan;
            }
        }
        return followsFrom;
    }

    private static Map<String, JsonNode> keyValues(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        if (list.isArray()) {
            for (JsonNode kv : list) {
                String key = kv.path("key").asText("");
                if (!key.isEmpty()) {
                    out.putIfAbsent(key, kv.path("value"));
                }
            }
        }
        return out;
    }

    /** The fields of the first {@code event=exception} log, empty when there is none. */
    private static Map<String, JsonNode> exceptionEvent(JsonNode logs) {
        if (logs.isArray()) {
            for (JsonNode log : logs) {
                Map<String, JsonNode> fields = keyValues(log.path("fields"));
                if (text(fields.get("event")).equals("exception")) {
                    return fields;
                }
            }
        }
        return Map.of();
    }

    private static int httpStatus(Map<String, JsonNode> tags) {
        for (String key : List.of("http.response.status_code", "http.status_code")) {
            String value = text(tags.get(key));
            if (value.matches("\\d{3}")) {
                return Integer.parseInt(value);
            }
        }
        return 0;
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && (value.asBoolean(false) || text(value).equalsIgnoreCase("true"));
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()
                ? ""
                : value.asText("");
    }

    private static SpanKind kind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "server" -> SpanKind.SERVER;
            case "client" -> SpanKind.CLIENT;
            case "producer" -> SpanKind.PRODUCER;
            case "consumer" -> SpanKind.CONSUMER;
            case "internal" -> SpanKind.INTERNAL;
            default -> SpanKind.UNSPECIFIED;
        };
    }
}
