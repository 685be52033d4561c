package io.kubemate.webhooks.telemetry;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.ingest.changes.ChangeEventParser;
import io.kubemate.ingest.loki.LokiPushParser;
import io.kubemate.ingest.otlp.OtlpParser;
import io.kubemate.webhooks.http.BearerToken;
import io.kubemate.webhooks.http.Route;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The telemetry receivers' routes. Public only so {@link io.kubemate.webhooks.http.KubemateHttpServer} can wire them;
 * registers {@code kubemate_telemetry_requests_total}, {@code kubemate_telemetry_rejects_total} and
 * {@code kubemate_telemetry_records_accepted_total} in the given registry.
 */
public final class TelemetryRoutes {
    /** Loki's push path, for Promtail / Alloy {@code loki.write} / loki4j: {@code http://kubemate:8080/loki/api/v1/push}. */
    public static final String LOKI_PUSH_PATH = "/loki/api/v1/push";
    /** OTLP/HTTP traces: an exporter's endpoint {@code http://kubemate:8080} appends this path itself. */
    public static final String OTLP_TRACES_PATH = "/v1/traces";
    /** OTLP/HTTP logs. */
    public static final String OTLP_LOGS_PATH = "/v1/logs";
    /** CloudEvents (structured or binary, Tekton's included) and plain JSON changes. */
    public static final String CHANGES_PATH = "/webhooks/changes";

    /**
     * A sink for servers built without telemetry: every append fails as unavailable, so the routes still exist (and
     * match the OpenAPI document) and senders keep their data and retry.
     */
    public static final TelemetrySink NOT_CONFIGURED = new TelemetrySink() {
        @Override
        public void appendLogs(List<LogEntry> entries) {
            throw notConfigured();
        }

        @Override
        public void appendSpans(List<SpanRecord> spans) {
            throw notConfigured();
        }

        @Override
        public void appendChanges(List<ChangeEvent> changes) {
            throw notConfigured();
        }
    };

    private final List<Route> routes;

    /**
     * @param token the webhook token every route requires when present
     * @param maxBodyBytes the largest body accepted as sent; a gzip body may inflate to {@value
     *     TelemetryBodies#INFLATE_FACTOR} times that
     */
    public TelemetryRoutes(
            TelemetrySink sink, Optional<String> token, long maxBodyBytes, PrometheusRegistry registry, Clock clock) {
        Optional<BearerToken> bearer = BearerToken.of(token);
        TelemetryBodies bodies = new TelemetryBodies(maxBodyBytes);
        TelemetryMetrics metrics = new TelemetryMetrics(registry);
        OtlpParser otlp = new OtlpParser(clock);
        this.routes = List.of(
                Route.post(LOKI_PUSH_PATH, new LokiPushHandler(new LokiPushParser(), sink, bearer, bodies, metrics)),
                Route.post(OTLP_TRACES_PATH, OtlpHandler.traces(otlp, sink, bearer, bodies, metrics)),
                Route.post(OTLP_LOGS_PATH, OtlpHandler.logs(otlp, sink, bearer, bodies, metrics)),
                Route.post(
                        CHANGES_PATH,
                        new ChangeEventHandler(new ChangeEventParser(clock), sink, bearer, bodies, metrics)));
    }

    public List<Route> routes() {
        return routes;
    }

    private static UnavailableException notConfigured() {
        return new UnavailableException(
                "telemetry intake is not configured on this server", Duration.ofSeconds(30), null);
    }
}
