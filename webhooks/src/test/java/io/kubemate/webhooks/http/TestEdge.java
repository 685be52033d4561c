package io.kubemate.webhooks.http;

import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.core.incident.TimelineEntry;
import io.kubemate.core.incident.TimelineKind;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.health.ReadinessCheck;
import io.kubemate.webhooks.outbound.DeliveryAttempt;
import io.kubemate.webhooks.outbound.DeliveryRoutes;
import io.kubemate.webhooks.telemetry.RecordingTelemetrySink;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real server on a free port with real in-memory collaborators, and a real HTTP client. Test-only. */
public final class TestEdge implements AutoCloseable {
    public final RecordingAlertSink alerts = new RecordingAlertSink();
    public final ApplyingIncidentSink actions;
    public final IncidentIndex index = new IncidentIndex();
    public final AtomicBoolean kafkaReady = new AtomicBoolean(true);
    public final PrometheusRegistry registry = new PrometheusRegistry();
    public final RecordingTelemetrySink telemetry = new RecordingTelemetrySink();
    /** What {@code GET /api/v1/incidents/{id}/deliveries} answers, per incident id. */
    public final Map<String, List<DeliveryAttempt>> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

    public final KubemateHttpServer server;

    private final HttpClient client = HttpClient.newHttpClient();

    public TestEdge(HttpSettings settings) {
        this.actions = new ApplyingIncidentSink(index);
        this.server = KubemateHttpServer.builder(
                        settings.withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts,
                        index,
                        actions,
                        registry)
                .readiness(List.of(ReadinessCheck.of("kafka", kafkaReady::get)))
                .telemetry(telemetry)
                .routes(new DeliveryRoutes(index, id -> deliveries.getOrDefault(id, List.of())).routes())
                .build()
                .start();
    }

    public TestEdge() {
        this(HttpSettings.defaults());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> postJson(String path, byte[] body, String... headers) {
        var builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    public static byte[] fixture(String name) {
        try (InputStream in = TestEdge.class.getClassLoader().getResourceAsStream("fixtures/alertmanager/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An incident with sensible defaults: {@code n} picks the id, {@code minute} the update time. */
    public static Incident incident(int n, IncidentStatus status, int minute) {
        Instant opened = Instant.parse("2026-11-25T16:00:00Z");
        Instant updated = opened.plusSeconds(60L * minute);
        var alert = new IncidentAlert(
                "e9e6fe606ae55c96",
                AlertStatus.FIRING,
                Map.of("alertname", "HighErrorRate", "service", "checkout"),
                Map.of("summary", "checkout 5xx"),
                opened,
                null,
                "http://prometheus.example:9090/graph?g0.expr=x&g0.tab=1",
                0,
                opened);
        return new Incident(
                new IncidentId(String.format("inc-%016x", n)),
                1,
                status,
                "HighErrorRate on checkout",
                Severity.CRITICAL,
                Map.of("cluster", "prod-eu-1", "namespace", "shop"),
                "cluster=prod-eu-1,namespace=shop",
                List.of("checkout"),
                1,
                1,
                opened,
                updated,
                status == IncidentStatus.RESOLVED ? updated : null,
                List.of(alert),
                List.of(new TimelineEntry(opened, TimelineKind.OPENED, "e9e6fe606ae55c96", null, "opened")),
                0);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Records what reached the sink; can be told to fail like an unavailable Kafka. */
    public static final class RecordingAlertSink implements AlertSink {
        public final List<List<RawAlert>> calls = Collections.synchronizedList(new ArrayList<>());
        public volatile RuntimeException failure;

        @Override
        public void appendAll(List<RawAlert> alerts) {
            if (failure != null) {
                throw failure;
            }
            calls.add(alerts);
        }

        public int alertCount() {
            return calls.stream().mapToInt(List::size).sum();
        }
    }

    /** Records actions and, when applying, plays the topology: the next snapshot shows the new status. */
    public static final class ApplyingIncidentSink implements IncidentSink {
        public final List<IncidentAction> submitted = Collections.synchronizedList(new ArrayList<>());
        public volatile boolean applying = true;
        public volatile RuntimeException failure;
        private final IncidentIndex index;

        ApplyingIncidentSink(IncidentIndex index) {
            this.index = index;
        }

        @Override
        public void submit(IncidentAction action) {
            if (failure != null) {
                throw failure;
            }
            submitted.add(action);
            if (applying) {
                Incident current = index.find(action.incidentId()).orElseThrow();
                index.upsert(applied(current, action));
            }
        }

        private static Incident applied(Incident i, IncidentAction action) {
            IncidentStatus status =
                    switch (action.kind()) {
                        case ACKNOWLEDGE -> IncidentStatus.ACKNOWLEDGED;
                        case RESOLVE -> IncidentStatus.RESOLVED;
                        case REOPEN -> IncidentStatus.OPEN;
                        default -> i.status();
                    };
            TimelineKind entry =
                    switch (action.kind()) {
                        case ACKNOWLEDGE -> TimelineKind.ACKNOWLEDGED;
                        case RESOLVE -> TimelineKind.RESOLVED;
                        case REOPEN -> TimelineKind.REOPENED;
                        case NOTE -> TimelineKind.RESOLUTION_NOTE;
                        case COMMENT -> TimelineKind.COMMENT;
                        case GROUPING_FEEDBACK -> TimelineKind.GROUPING_FEEDBACK;
                        case MERGE -> TimelineKind.MERGED;
                        case SPLIT -> TimelineKind.SPLIT;
                    };
            boolean resolve = status == IncidentStatus.RESOLVED;
            var timeline = new ArrayList<>(i.timeline());
            timeline.add(new TimelineEntry(action.requestedAt(), entry, null, action.actor(), action.note()));
            return new Incident(
                    i.id(),
                    i.version() + 1,
                    status,
                    i.title(),
                    i.severity(),
                    i.scope(),
                    i.scopeKey(),
                    i.services(),
                    i.alertCount(),
                    i.firingCount(),
                    i.openedAt(),
                    action.requestedAt(),
                    resolve ? i.resolvedAt() == null ? action.requestedAt() : i.resolvedAt() : null,
                    i.alerts(),
                    timeline,
                    i.timelineOmitted());
        }
    }
}
