package io.kubemate.ingest.pull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus' {@code GET /api/v1/query_range} for an alert's own expression: the expression comes from the alert's
 * {@code generatorURL} ({@code g0.expr}), the URL it is sent to from the settings (never the generatorURL's host).
 * Times and step are in seconds; the answer is Prometheus' {@code matrix} envelope, {@code {"status":"error",
 * "errorType","error"}} on failure.
 */
final class PrometheusQueryClient {
    static final String PATH = "/api/v1/query_range";
    static final String SOURCE = "prometheus";

    /** Longest expression taken from a generatorURL. */
    static final int MAX_EXPRESSION_CHARS = 4_000;

    /** Points aimed at per series when choosing the step. */
    static final int TARGET_POINTS = 120;

    /** Points kept per series at most. */
    static final int MAX_POINTS = 1_000;

    private static final long MIN_STEP_SECONDS = 5;

    private final PullHttp http;

    PrometheusQueryClient(PullHttp http) {
        this.http = http;
    }

    /**
     * The expression in a {@code generatorURL}'s {@code g0.expr} parameter, URL-decoded; empty when there is none or
     * the URL cannot be read.
     */
    static Optional<String> expressionFrom(String generatorUrl) {
        if (generatorUrl == null || generatorUrl.isBlank()) {
            return Optional.empty();
        }
        String query;
        try {
            query = new URI(generatorUrl.strip()).getRawQuery();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("g0.expr=")) {
                try {
                    String expr = URLDecoder.decode(pair.substring("g0.expr=".length()), StandardCharsets.UTF_8)
                            .strip();
                    return expr.isEmpty() || expr.length() > MAX_EXPRESSION_CHARS
                            ? Optional.empty()
                            : Optional.of(expr);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A step that gives about {@link #TARGET_POINTS} points over [{@code start}, {@code end}], at least 5 s. */
    static Duration stepFor(Instant start, Instant end) {
        long seconds = Math.max(0, Duration.between(start, end).toSeconds());
        long step = (seconds + TARGET_POINTS - 1) / TARGET_POINTS;
        return Duration.ofSeconds(Math.max(MIN_STEP_SECONDS, step));
    }

    /**
     * {@code expression} evaluated over [{@code start}, {@code end}] every {@code step}: at most {@code maxSeries}
     * series of at most {@link #MAX_POINTS} points each.
     *
     * @throws io.kubemate.core.error.UnavailableException on timeouts, refused connections, 429 and 5xx
     * @throws QueryRejectedException when Prometheus refuses the expression (400, 422)
     * @throws MalformedResponseException when the answer is not Prometheus' documented format
     * @throws ResponseTooLargeException when the answer exceeds the byte limit
     */
    List<MetricSeries> queryRange(String expression, Instant start, Instant end, Duration step, int maxSeries) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", expression);
        params.put("start", epochSeconds(start));
        params.put("end", epochSeconds(end));
        params.put("step", Long.toString(Math.max(1, step.toSeconds())));
        return parse(http.getJson(PATH, params), maxSeries);
    }

    /** Seconds since the epoch with millisecond precision, as Prometheus reads them: {@code 1795625820.5}. */
    static String epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    /** The series of a {@code matrix} answer, at most {@code maxSeries}. */
    static List<MetricSeries> parse(JsonNode root, int maxSeries) {
        String status = root.path("status").asText("");
        if (status.equals("error")) {
            // the documented error envelope comes with 4xx/5xx (handled in PullHttp); with 2xx it is not the format
            throw new MalformedResponseException("prometheus answered 2xx with an error: "
                    + root.path("errorType").asText("") + ": "
                    + Texts.oneLine(root.path("error").asText(""), 300));
        }
        if (!status.equals("success")) {
            throw new MalformedResponseException("prometheus answered status '" + Texts.cut(status, 40) + "'");
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText("");
        if (!type.equals("matrix")) {
            throw new MalformedResponseException(
                    "prometheus answered resultType '" + Texts.cut(type, 40) + "' where a matrix was expected");
        }
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw new MalformedResponseException("prometheus: /data/result is not an array");
        }
        List<MetricSeries> series = new ArrayList<>();
        for (int i = 0; i < result.size() && series.size() < maxSeries; i++) {
            JsonNode entry = result.get(i);
            JsonNode values = entry.path("values");
            if (values.isMissingNode()) {
                continue; // a native-histogram series ("histograms"): no float samples to show
            }
            if (!values.isArray()) {
                throw new MalformedResponseException("prometheus: /data/result/" + i + "/values is not an array");
            }
            series.add(new MetricSeries(labels(entry.path("metric")), points(values, "/data/result/" + i)));
        }
        return series;
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> out = new HashMap<>();
        if (metric.isObject()) {
            metric.properties().forEach(e -> {
                if (out.size() < 32) {
                    out.put(Texts.cut(e.getKey(), 128), Texts.cut(e.getValue().asText(""), 256));
                }
            });
        }
        return out;
    }

    private static List<MetricSeries.Point> points(JsonNode values, String pointer) {
        List<MetricSeries.Point> points = new ArrayList<>();
        int from = Math.max(0, values.size() - MAX_POINTS);
        for (int j = from; j < values.size(); j++) {
            JsonNode pair = values.get(j);
            if (!pair.isArray()
                    || pair.size() != 2
                    || !pair.get(0).isNumber()
                    || !pair.get(1).isTextual()) {
                throw new MalformedResponseException(
                        "prometheus: " + pointer + "/values/" + j + " is not [<unix seconds>, \"<value>\"]");
            }
            BigDecimal seconds = pair.get(0).decimalValue();
            Instant time = Instant.ofEpochSecond(0)
                    .plusMillis(seconds.movePointRight(3).longValue());
            points.add(new MetricSeries.Point(time, value(pair.get(1).asText(), pointer + "/values/" + j + "/1")));
        }
        return points;
    }

    private static double value(String text, String pointer) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException("prometheus: " + pointer + " is not a sample value");
                }
            }
        };
    }
}
