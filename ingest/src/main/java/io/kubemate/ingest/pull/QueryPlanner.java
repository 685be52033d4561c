package io.kubemate.ingest.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.ingest.pull.BackendLane.Query;
import io.kubemate.ingest.pull.EnrichmentRun.Output;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an enrichment request into each backend's queries: one per service for Loki and Jaeger (at most {@link
 * PullSettings#maxServices()}), one per distinct alert expression for Prometheus (at most {@link
 * EnrichmentService#MAX_EXPRESSIONS}), over the request window cut to {@link EnrichmentService#MAX_WINDOW}.
 */
final class QueryPlanner {
    private final PullSettings settings;
    private final LokiQueryClient loki;
    private final JaegerQueryClient jaeger;
    private final PrometheusQueryClient prometheus;

    QueryPlanner(PullSettings settings) {
        this.settings = settings;
        HttpClient client = settings.isAnyEnabled() ? PullHttp.newClient(settings.connectTimeout()) : null;
        ObjectMapper mapper = new ObjectMapper();
        loki = settings.isEnabled(PullBackend.LOKI)
                ? new LokiQueryClient(
                        http(client, mapper, PullBackend.LOKI, "loki"),
                        settings.lokiServiceLabel(),
                        settings.lokiLineFilter())
                : null;
        jaeger = settings.isEnabled(PullBackend.JAEGER)
                ? new JaegerQueryClient(http(client, mapper, PullBackend.JAEGER, "jaeger"))
                : null;
        prometheus = settings.isEnabled(PullBackend.PROMETHEUS)
                ? new PrometheusQueryClient(http(client, mapper, PullBackend.PROMETHEUS, "prometheus"))
                : null;
    }

    private PullHttp http(HttpClient client, ObjectMapper mapper, PullBackend backend, String name) {
        Map<String, String> headers =
                backend == PullBackend.LOKI && !settings.lokiTenant().isEmpty()
                        ? Map.of("X-Scope-OrgID", settings.lokiTenant())
                        : Map.of();
        return new PullHttp(
                client,
                name,
                settings.url(backend),
                settings.auth(backend),
                headers,
                settings.requestTimeout(),
                settings.maxResponseBytes(),
                mapper);
    }

    /** Why {@code backend} has no query for a request. */
    static String whyNone(PullBackend backend) {
        return backend == PullBackend.PROMETHEUS
                ? "no alert expression (g0.expr) in the alerts' generatorURLs"
                : "no services to ask about";
    }

    /** The queries {@code backend} runs for {@code request}, in a stable order. */
    List<Query> queries(PullBackend backend, EnrichmentRequest request) {
        Instant to = request.to();
        Instant from = Duration.between(request.from(), to).compareTo(EnrichmentService.MAX_WINDOW) > 0
                ? to.minus(EnrichmentService.MAX_WINDOW)
                : request.from();
        List<String> services =
                request.services().stream().limit(settings.maxServices()).toList();
        int max = settings.maxResults();
        return switch (backend) {
            case LOKI -> services.stream()
                    .map(s -> (Query) () -> {
                        List<LogEntry> logs = loki.queryErrors(s, from, to, max);
                        return new Output(LokiEvidence.summary(s, loki.query(s), logs, max), logs, List.of());
                    })
                    .toList();
            case JAEGER -> services.stream()
                    .map(s -> (Query) () -> new Output(List.of(), List.of(), jaeger.errorTraces(s, from, to, max)))
                    .toList();
            case PROMETHEUS -> expressions(request).entrySet().stream()
                    .map(e -> (Query) () -> {
                        Instant start = from.minus(settings.prometheusLookback());
                        List<MetricSeries> series = prometheus.queryRange(
                                e.getKey(), start, to, PrometheusQueryClient.stepFor(start, to), max);
                        return new Output(
                                PrometheusEvidence.items(e.getKey(), e.getValue(), series), List.of(), List.of());
                    })
                    .toList();
        };
    }

    /** Distinct expressions of the alerts' generatorURLs, with the name of the first alert that has each. */
    private static Map<String, String> expressions(EnrichmentRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EnrichmentRequest.Alert alert : request.alerts()) {
            PrometheusQueryClient.expressionFrom(alert.generatorUrl())
                    .filter(expr -> out.size() < EnrichmentService.MAX_EXPRESSIONS || out.containsKey(expr))
                    .ifPresent(expr -> out.putIfAbsent(expr, alert.name()));
        }
        return out;
    }
}
