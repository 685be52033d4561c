package io.kubemate.webhooks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.ModelTracking;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.alertmanager.AlertmanagerRoutes;
import io.kubemate.webhooks.api.IncidentRoutes;
import io.kubemate.webhooks.api.ModelRoutes;
import io.kubemate.webhooks.api.ServiceGraphRoutes;
import io.kubemate.webhooks.api.SummaryFeedbackRoutes;
import io.kubemate.webhooks.health.HealthRoutes;
import io.kubemate.webhooks.health.ReadinessCheck;
import io.kubemate.webhooks.telemetry.TelemetryRoutes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubemate's HTTP edge: the Alertmanager receiver, the incident API with its OpenAPI document, and health, readiness
 * and metrics, on one Javalin (Jetty) server.
 *
 * <p>Every error answer is {@code application/problem+json} (RFC 9457) with a stable {@code type}; no stack trace
 * reaches a client. {@code /api/*} needs the API token and the receiver the webhook token when those are set;
 * {@code /healthz}, {@code /readyz} and {@code /metrics} never do. Lifecycle: construct, {@link #start()}, then
 * {@link #close()} once, which stops accepting connections, waits up to 10 s for running requests to be answered
 * (new requests on open connections get 503 meanwhile), and stops the server.
 */
public final class KubemateHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubemateHttpServer.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final HttpSettings settings;
    private final List<Route> routes;
    private final Optional<BearerToken> apiToken;
    private final Javalin app;

    public KubemateHttpServer(
            HttpSettings settings,
            AlertmanagerWebhookParser parser,
            AlertSink alertSink,
            IncidentView view,
            IncidentSink incidentSink,
            List<ReadinessCheck> readinessChecks,
            PrometheusRegistry registry) {
        this(settings, parser, alertSink, view, incidentSink, readinessChecks, registry, List::of);
    }

    /** The same, with {@code GET /api/v1/service-graph} answered from {@code serviceGraph}. */
    public KubemateHttpServer(
            HttpSettings settings,
            AlertmanagerWebhookParser parser,
            AlertSink alertSink,
            IncidentView view,
            IncidentSink incidentSink,
            List<ReadinessCheck> readinessChecks,
            PrometheusRegistry registry,
            ServiceGraphView serviceGraph) {
        this(
                settings,
                parser,
                alertSink,
                view,
                incidentSink,
                readinessChecks,
                registry,
                serviceGraph,
                TelemetryRoutes.NOT_CONFIGURED);
    }

    /**
     * The same, with the telemetry receivers (Loki push, OTLP/HTTP traces and logs, change events) appending to
     * {@code telemetrySink}; the other constructors answer them 503 (not configured).
     */
    public KubemateHttpServer(
            HttpSettings settings,
            AlertmanagerWebhookParser parser,
            AlertSink alertSink,
            IncidentView view,
            IncidentSink incidentSink,
            List<ReadinessCheck> readinessChecks,
            PrometheusRegistry registry,
            ServiceGraphView serviceGraph,
            TelemetrySink telemetrySink) {
        this(
                settings,
                parser,
                alertSink,
                view,
                incidentSink,
                readinessChecks,
                registry,
                serviceGraph,
                telemetrySink,
                id -> Optional.empty(),
                SummaryView.NONE,
                ModelTracking.NONE);
    }

    /**
     * The same, with the incident detail showing evidence and the probable origin from {@code evidence} and the
     * root-cause summary from {@code summaries}, {@code GET /api/v1/models} answering from {@code models} and summary
     * ratings going to it ({@code POST /api/v1/incidents/{id}/summary/feedback}).
     */
    public KubemateHttpServer(
            HttpSettings settings,
            AlertmanagerWebhookParser parser,
            AlertSink alertSink,
            IncidentView view,
            IncidentSink incidentSink,
            List<ReadinessCheck> readinessChecks,
            PrometheusRegistry registry,
            ServiceGraphView serviceGraph,
            TelemetrySink telemetrySink,
            EvidenceView evidence,
            SummaryView summaries,
            ModelTracking models) {
        this.settings = settings;
        this.apiToken = BearerToken.of(settings.apiToken());
        ObjectMapper mapper = JsonSerde.newMapper();
        List<Route> all = new ArrayList<>();
        all.addAll(new AlertmanagerRoutes(parser, alertSink, settings.webhookToken(), settings.maxBodyBytes(), registry)
                .routes());
        all.addAll(new IncidentRoutes(
                        view, evidence, summaries, incidentSink, Clock.systemUTC(), settings.actionWait(), mapper)
                .routes());
        all.addAll(new HealthRoutes(readinessChecks, view, registry).routes());
        all.addAll(new ServiceGraphRoutes(serviceGraph).routes());
        all.addAll(new ModelRoutes(models).routes());
        all.addAll(new SummaryFeedbackRoutes(summaries, models, mapper).routes());
        all.addAll(new TelemetryRoutes(
                        telemetrySink, settings.webhookToken(), settings.maxBodyBytes(), registry, Clock.systemUTC())
                .routes());
        this.routes = List.copyOf(all);
        RequestTimer timer = new RequestTimer(registry);
        ProblemMapper problems = new ProblemMapper(mapper);
        this.app = Javalin.create(cfg -> configure(cfg, mapper, timer, problems));
    }

    /** Binds {@link HttpSettings#host()}:{@link HttpSettings#port()} and starts serving. */
    public KubemateHttpServer start() {
        app.start(settings.host(), settings.port());
        LOG.info("HTTP edge listening on {}:{} ({} routes)", settings.host(), app.port(), routes.size());
        return this;
    }

    /** The bound port (the chosen one when configured with 0). */
    public int port() {
        return app.port();
    }

    /** Stops taking new requests, lets running ones finish (up to 10 s), then stops the server. */
    @Override
    public void close() {
        // Jetty closes the connectors, lets the GracefulHandler wait for running requests (up to the stop
        // timeout, answering 503 to new ones on open connections), then stops
        app.stop();
    }

    /** The routes this server registers: the one table the OpenAPI test checks. */
    List<Route> routes() {
        return routes;
    }

    private void configure(JavalinConfig cfg, ObjectMapper mapper, RequestTimer timer, ProblemMapper problems) {
        cfg.startup.showJavalinBanner = false;
        cfg.jetty.modifyServer(server -> {
            // Javalin attaches its servlet handler inside this wrapper, so every request passes through it
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
            server.setErrorHandler(new ProblemErrorHandler(problems));
        });
        cfg.http.maxRequestSize = settings.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        cfg.jsonMapper(new JavalinJackson(mapper, false));
        cfg.routes.before(this::requireApiToken);
        for (Route route : routes) {
            cfg.routes.addHttpHandler(route.method(), route.path(), timer.timed(route, route.handler()));
        }
        cfg.routes.exception(Exception.class, problems::handle);
        // Javalin answers its own HttpResponseException family in text unless a handler names the type itself
        cfg.routes.exception(HttpResponseException.class, problems::handle);
        cfg.routes.error(404, ctx -> unlessProblem(ctx, problems, 404, "no route " + ctx.method() + " " + ctx.path()));
        cfg.routes.error(405, ctx -> unlessProblem(ctx, problems, 405, ctx.method() + " is not allowed here"));
    }

    private void requireApiToken(Context ctx) {
        if (apiToken.isPresent() && (ctx.path().equals("/api") || ctx.path().startsWith("/api/"))) {
            apiToken.get().require(ctx);
        }
    }

    private static void unlessProblem(Context ctx, ProblemMapper problems, int status, String detail) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(Problem.MEDIA_TYPE)) {
            problems.handleStatus(status, detail, ctx);
        }
    }
}
