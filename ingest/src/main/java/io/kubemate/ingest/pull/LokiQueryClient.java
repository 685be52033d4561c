package io.kubemate.ingest.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.Severities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loki's {@code GET /loki/api/v1/query_range} for one service's warning and error lines (FORMATS.md §3.2): a LogQL
 * selector on the service label plus a line filter, nanosecond {@code start}/{@code end}, {@code direction=backward},
 * and the {@code streams} answer (values of 2 or 3 elements) as {@link LogEntry} with source {@code loki-query}.
 */
final class LokiQueryClient {
    static final String PATH = "/loki/api/v1/query_range";
    static final String SOURCE = "loki-query";

    /** Lines longer than this are cut. */
    static final int MAX_LINE_CHARS = 4_000;

    private static final int MAX_LABELS = 32;
    private static final int MAX_LABEL_CHARS = 256;
    private static final List<String> LEVEL_KEYS = List.of("level", "detected_level", "severity", "lvl", "log.level");
    private static final Pattern LEVEL_IN_LINE =
            Pattern.compile("(?i)\\b(?:level|lvl|severity)[\"']?\\s*[:=]\\s*[\"']?([a-z]+)");
    private static final Pattern ERROR_WORD =
            Pattern.compile("(?i)\\b(error|exception|fatal|panic|critical|severe|failed)\\b");
    private static final Pattern WARN_WORD = Pattern.compile("(?i)\\bwarn(ing)?\\b");
    private static final Pattern TRACE_ID_IN_LINE =
            Pattern.compile("(?i)trace[_.-]?id[\"']?\\s*[:=]\\s*[\"']?([0-9a-f]{16,32})\\b");
    private static final Pattern SPAN_ID_IN_LINE =
            Pattern.compile("(?i)span[_.-]?id[\"']?\\s*[:=]\\s*[\"']?([0-9a-f]{16})\\b");

    private final PullHttp http;
    private final String serviceLabel;
    private final String lineFilter;

    LokiQueryClient(PullHttp http, String serviceLabel, String lineFilter) {
        this.http = http;
        this.serviceLabel = serviceLabel;
        this.lineFilter = lineFilter;
    }

    /** The LogQL query for {@code service}: {@code {service_name="checkout"} |~ "(?i)(error|warn...)"}. */
    String query(String service) {
        return "{" + serviceLabel + "=\"" + escape(service) + "\"} |~ \"" + escape(lineFilter) + "\"";
    }

    /**
     * The newest warning and error lines {@code service} wrote in [{@code from}, {@code to}), newest first, at most
     * {@code limit}.
     *
     * @throws io.kubemate.core.error.UnavailableException on timeouts, refused connections, 429 and 5xx
     * @throws QueryRejectedException when Loki refuses the query (4xx)
     * @throws MalformedResponseException when the answer is not Loki's documented format
     * @throws ResponseTooLargeException when the answer exceeds the byte limit
     */
    List<LogEntry> queryErrors(String service, Instant from, Instant to, int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query(service));
        params.put("start", Long.toString(epochNanos(from)));
        params.put("end", Long.toString(epochNanos(to)));
        params.put("limit", Integer.toString(limit));
        params.put("direction", "backward");
        return parse(http.getJson(PATH, params), service, limit);
    }

    /** Escapes {@code value} for a double-quoted LogQL string (Go string syntax). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** The entries of a {@code streams} answer, newest first, at most {@code limit}. */
    static List<LogEntry> parse(JsonNode root, String service, int limit) {
        String status = root.path("status").asText("");
        if (!status.equals("success")) {
            throw new MalformedResponseException("loki answered status '" + Texts.cut(status, 40) + "'"
                    + (root.path("error").isTextual()
                            ? ": " + Texts.oneLine(root.path("error").asText(), 200)
                            : ""));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText("");
        if (!type.equals("streams")) {
            throw new MalformedResponseException(
                    "loki answered resultType '" + Texts.cut(type, 40) + "' where streams were expected");
        }
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw new MalformedResponseException("loki: /data/result is not an array");
        }
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            JsonNode stream = result.get(i);
            Map<String, String> labels = strings(stream.path("stream"), "/data/result/" + i + "/stream");
            JsonNode values = stream.path("values");
            if (!values.isArray()) {
                throw new MalformedResponseException("loki: /data/result/" + i + "/values is not an array");
            }
            for (int j = 0; j < values.size(); j++) {
                entries.add(entry(values.get(j), "/data/result/" + i + "/values/" + j, service, labels));
            }
        }
        entries.sort(Comparator.comparing(LogEntry::time).reversed());
        return entries.size() <= limit ? entries : List.copyOf(entries.subList(0, limit));
    }

    private static LogEntry entry(JsonNode value, String pointer, String service, Map<String, String> labels) {
        if (!value.isArray() || value.size() < 2 || value.size() > 3) {
            throw new MalformedResponseException("loki: " + pointer + " is not a [time, line] or [time, line, meta]");
        }
        Instant time = nanosToInstant(value.get(0), pointer + "/0");
        if (!value.get(1).isTextual()) {
            throw new MalformedResponseException("loki: " + pointer + "/1 is not a string");
        }
        String line = Texts.cut(value.get(1).asText(), MAX_LINE_CHARS);
        Map<String, String> meta = value.size() == 3 ? metadata(value.get(2), pointer + "/2") : Map.of();
        String traceId = first(meta, "trace_id", "traceID", "traceId", "trace-id");
        String spanId = first(meta, "span_id", "spanID", "spanId", "span-id");
        if (traceId.isEmpty()) {
            traceId = group(TRACE_ID_IN_LINE, line);
        }
        if (spanId.isEmpty()) {
            spanId = group(SPAN_ID_IN_LINE, line);
        }
        return new LogEntry(
                service,
                time,
                line,
                severity(labels, meta, line),
                labels,
                Texts.hexId(traceId, 32),
                Texts.hexId(spanId, 16),
                SOURCE);
    }

    private static Instant nanosToInstant(JsonNode node, String pointer) {
        long nanos;
        try {
            nanos = node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText(""));
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("loki: " + pointer + " is not a nanosecond timestamp");
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The third value element: a flat map (structured metadata) or {structuredMetadata, parsed} (Loki 3.x). */
    private static Map<String, String> metadata(JsonNode node, String pointer) {
        if (node.has("structuredMetadata") || node.has("parsed")) {
            Map<String, String> merged = new HashMap<>(strings(node.path("parsed"), pointer + "/parsed"));
            merged.putAll(strings(node.path("structuredMetadata"), pointer + "/structuredMetadata"));
            return merged;
        }
        return strings(node, pointer);
    }

    private static Map<String, String> strings(JsonNode node, String pointer) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MalformedResponseException("loki: " + pointer + " is not an object");
        }
        Map<String, String> out = new HashMap<>();
        var fields = node.properties().iterator();
        while (fields.hasNext() && out.size() < MAX_LABELS) {
            var field = fields.next();
            if (field.getValue().isValueNode()) {
                out.put(
                        Texts.cut(field.getKey(), MAX_LABEL_CHARS),
                        Texts.cut(field.getValue().asText(), MAX_LABEL_CHARS));
            }
        }
        return out;
    }

    private static String severity(Map<String, String> labels, Map<String, String> meta, String line) {
        for (String key : LEVEL_KEYS) {
            String level = Severities.fromText(labels.getOrDefault(key, meta.get(key)));
            if (!level.isEmpty()) {
                return level;
            }
        }
        String level = Severities.fromText(group(LEVEL_IN_LINE, line));
        if (!level.isEmpty()) {
            return level;
        }
        if (ERROR_WORD.matcher(line).find()) {
            return "error";
        }
        return WARN_WORD.matcher(line).find() ? "warn" : "";
    }

    private static String first(Map<String, String> map, String... keys) {
        for (String key : keys) {
            String value = map.get(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    private static String group(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m.group(1) : "";
    }
}
