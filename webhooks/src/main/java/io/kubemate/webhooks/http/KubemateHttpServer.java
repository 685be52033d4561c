package io.kubemate.webhooks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.json.JavalinJackson;
import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.core.incident.IncidentChanges;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.ModelTracking;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.alertmanager.AlertmanagerRoutes;
import io.kubemate.webhooks.api.IncidentRoutes;
import io.kubemate.webhooks.api.IncidentStream;
import io.kubemate.webhooks.api.IncidentStreamSettings;
import io.kubemate.webhooks.api.ModelRoutes;
import io.kubemate.webhooks.api.ServiceGraphRoutes;
import io.kubemate.webhooks.api.SummaryFeedbackRoutes;
import io.kubemate.webhooks.health.HealthRoutes;
import io.kubemate.webhooks.health.ReadinessCheck;
import io.kubemate.webhooks.telemetry.TelemetryRoutes;
import io.kubemate.webhooks.ui.PageRoutes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubemate's HTTP edge: the Alertmanager receiver, the incident API with its OpenAPI document and its event stream,
 * the web page, and health, readiness and metrics, on one Javalin (Jetty) server.
 *
 * <p>Every error answer is {@code application/problem+json} (RFC 9457) with a stable {@code type}; no stack trace
 * reaches a client. {@code /api/*} needs an API token and the receiver the webhook token when those are set, and each
 * API route needs its {@link Route#scope()} (403 otherwise);
 * {@code /healthz}, {@code /readyz} and {@code /metrics} never do. Lifecycle: construct, {@link #start()}, then
 * {@link #close()} once, which stops accepting connections, waits up to 10 s for running requests to be answered
 * (new requests on open connections get 503 meanwhile), and stops the server.
 */
public final class KubemateHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubemateHttpServer.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final HttpSettings settings;
    private final List<Route> routes;
    private final ApiTokens apiTokens;
    private final Optional<RateLimiter> rateLimiter;
    private final Optional<TlsSettings> tls;
    private final int rateLimit;
    private final List<Route> pageRoutes;
    private final IncidentStream stream;
    private final Javalin app;

    /**
     * A server for {@code settings} with the Alertmanager receiver appending to {@code alertSink}, the incident API
     * reading {@code view} and sending actions to {@code incidentSink}; everything else is optional on the builder.
     */
    public static Builder builder(
            HttpSettings settings,
            AlertmanagerWebhookParser parser,
            AlertSink alertSink,
            IncidentView view,
            IncidentSink incidentSink,
            PrometheusRegistry registry) {
        return new Builder(settings, parser, alertSink, view, incidentSink, registry);
    }

    private KubemateHttpServer(Builder b) {
        this.settings = b.settings;
        this.apiTokens = new ApiTokens(settings.allApiTokens());
        this.rateLimit = b.apiRateLimit;
        this.tls = b.tls;
        this.rateLimiter = b.apiRateLimit > 0
                ? Optional.of(new RateLimiter(b.apiRateLimit, 2 * b.apiRateLimit, System::nanoTime))
                : Optional.empty();
        ObjectMapper mapper = JsonSerde.newMapper();
        List<Route> all = new ArrayList<>();
        this.stream = new IncidentStream(b.view, b.changes, b.streamSettings, mapper, Clock.systemUTC());
        // before the incident routes: /incidents/stream must not be taken for /incidents/{id}
        all.add(stream.route());
        all.addAll(new AlertmanagerRoutes(
                        b.parser, b.alertSink, settings.webhookToken(), settings.maxBodyBytes(), b.registry)
                .routes());
        all.addAll(new IncidentRoutes(
                        b.view,
                        b.evidence,
                        b.summaries,
                        b.incidentSink,
                        Clock.systemUTC(),
                        settings.actionWait(),
                        mapper)
                .routes());
        all.addAll(new HealthRoutes(b.readinessChecks, b.view, b.registry).routes());
        all.addAll(new ServiceGraphRoutes(b.serviceGraph).routes());
        all.addAll(new ModelRoutes(b.models).routes());
        all.addAll(new SummaryFeedbackRoutes(b.summaries, b.models, mapper).routes());
        all.addAll(new TelemetryRoutes(
                        b.telemetrySink,
                        settings.webhookToken(),
                        settings.maxBodyBytes(),
                        b.registry,
                        Clock.systemUTC())
                .routes());
        all.addAll(b.extraRoutes);
        this.routes = List.copyOf(all);
        this.pageRoutes = new PageRoutes().routes();
        RequestTimer timer = new RequestTimer(b.registry);
        ProblemMapper problems = new ProblemMapper(mapper);
        this.app = Javalin.create(cfg -> configure(cfg, mapper, timer, problems));
    }

    /** What a {@link KubemateHttpServer} serves. Unset parts are answered "not configured" or empty. */
    public static final class Builder {
        private final HttpSettings settings;
        private final AlertmanagerWebhookParser parser;
        private final AlertSink alertSink;
        private final IncidentView view;
        private final IncidentSink incidentSink;
        private final PrometheusRegistry registry;
        private final List<Route> extraRoutes = new ArrayList<>();
        private Optional<TlsSettings> tls = Optional.empty();
        private int apiRateLimit;
        private List<ReadinessCheck> readinessChecks = List.of();
        private ServiceGraphView serviceGraph = List::of;
        private TelemetrySink telemetrySink = TelemetryRoutes.NOT_CONFIGURED;
        private EvidenceView evidence = id -> Optional.empty();
        private SummaryView summaries = SummaryView.NONE;
        private ModelTracking models = ModelTracking.NONE;
        private IncidentChanges changes;
        private IncidentStreamSettings streamSettings = IncidentStreamSettings.defaults();

        private Builder(
                HttpSettings settings,
                AlertmanagerWebhookParser parser,
                AlertSink alertSink,
                IncidentView view,
                IncidentSink incidentSink,
                PrometheusRegistry registry) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.parser = Objects.requireNonNull(parser, "parser");
            this.alertSink = Objects.requireNonNull(alertSink, "alertSink");
            this.view = Objects.requireNonNull(view, "view");
            this.incidentSink = Objects.requireNonNull(incidentSink, "incidentSink");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.changes = view instanceof IncidentChanges feed ? feed : IncidentChanges.NONE;
        }

        /**
         * What {@code GET /api/v1/incidents/stream} follows, and its limits (default: the view itself when it is an
         * {@link IncidentChanges} feed, otherwise nothing but the initial list; 64 streams, 15 s heartbeat).
         */
        public Builder incidentStream(IncidentChanges changes, IncidentStreamSettings settings) {
            this.changes = Objects.requireNonNull(changes, "changes");
            this.streamSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** What {@code /readyz} checks besides the view being caught up (default: nothing). */
        public Builder readiness(List<ReadinessCheck> checks) {
            this.readinessChecks = List.copyOf(checks);
            return this;
        }

        /** {@code GET /api/v1/service-graph} answers from it (default: an empty graph). */
        public Builder serviceGraph(ServiceGraphView serviceGraph) {
            this.serviceGraph = Objects.requireNonNull(serviceGraph, "serviceGraph");
            return this;
        }

        /** The telemetry receivers (Loki, OTLP/HTTP, change events) append to it (default: 503 not configured). */
        public Builder telemetry(TelemetrySink telemetrySink) {
            this.telemetrySink = Objects.requireNonNull(telemetrySink, "telemetrySink");
            return this;
        }

        /** The incident detail shows evidence and the probable origin from it (default: none). */
        public Builder evidence(EvidenceView evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /** The incident detail shows the root-cause summary from it (default: none). */
        public Builder summaries(SummaryView summaries) {
            this.summaries = Objects.requireNonNull(summaries, "summaries");
            return this;
        }

        /** {@code GET /api/v1/models} answers from it and summary ratings go to it (default: none). */
        public Builder models(ModelTracking models) {
            this.models = Objects.requireNonNull(models, "models");
            return this;
        }

        /** Serves HTTPS only, with the key and certificate in {@code tls}'s keystore (default: plain HTTP). */
        public Builder tls(TlsSettings tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /**
         * At most {@code requestsPerSecond} {@code /api/*} requests a second per token (per address without one),
         * bursts of twice that; more get 429 with {@code Retry-After}. 0 (the default) turns the limit off.
         */
        public Builder apiRateLimit(int requestsPerSecond) {
            if (requestsPerSecond < 0) {
                throw new IllegalArgumentException("requestsPerSecond must not be negative");
            }
            this.apiRateLimit = requestsPerSecond;
            return this;
        }

        /**
         * More routes served beside the built-in ones (feature modules: Slack, the web page...). They pass through the
         * same token check on {@code /api/*} (including their {@link Route#scope()}), the timing and the problem
         * mapping, and are part of the routes the OpenAPI test checks.
         */
        public Builder routes(List<Route> routes) {
            this.extraRoutes.addAll(routes);
            return this;
        }

        public KubemateHttpServer build() {
            return new KubemateHttpServer(this);
        }
    }

    /** Binds {@link HttpSettings#host()}:{@link HttpSettings#port()} and starts serving. */
    public KubemateHttpServer start() {
        app.start(settings.host(), settings.port());
        LOG.info(
                "HTTP edge listening on {}:{} ({}, {} routes)",
                settings.host(),
                app.port(),
                tls.isPresent() ? "HTTPS" : "plain HTTP",
                routes.size());
        return this;
    }

    /** The bound port (the chosen one when configured with 0). */
    public int port() {
        return app.port();
    }

    /** Ends the open event streams, stops taking new requests, lets running ones finish (up to 10 s), then stops. */
    @Override
    public void close() {
        // event streams never finish on their own: end them first, or they would hold the drain for its full 10 s
        stream.close();
        // Jetty closes the connectors, lets the GracefulHandler wait for running requests (up to the stop
        // timeout, answering 503 to new ones on open connections), then stops
        app.stop();
    }

    /** The routes this server registers: the one table the OpenAPI test checks. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The web page's static routes ({@code /} and its assets), served beside {@link #routes()} but not part of the
     * API: they carry no data, need no token and are not in the OpenAPI document (a test checks all three).
     */
    public List<Route> pageRoutes() {
        return pageRoutes;
    }

    private void configure(JavalinConfig cfg, ObjectMapper mapper, RequestTimer timer, ProblemMapper problems) {
        cfg.startup.showJavalinBanner = false;
        cfg.jetty.modifyServer(server -> {
            // Javalin attaches its servlet handler inside this wrapper, so every request passes through it
            server.setHandler(new GracefulHandler());
            server.setStopTimeout(DRAIN_TIMEOUT.toMillis());
            server.setErrorHandler(new ProblemErrorHandler(problems));
        });
        tls.ifPresent(keystore -> cfg.jetty.addConnector((server, http) -> tlsConnector(server, http, keystore)));
        cfg.http.maxRequestSize = settings.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        cfg.jsonMapper(new JavalinJackson(mapper, false));
        cfg.routes.before(this::authenticate);
        for (Route route : routes) {
            cfg.routes.addHttpHandler(route.method(), route.path(), timer.timed(route, scoped(route)));
        }
        for (Route route : pageRoutes) {
            cfg.routes.addHttpHandler(route.method(), route.path(), timer.timed(route, route.handler()));
        }
        cfg.routes.exception(Exception.class, problems::handle);
        // Javalin answers its own HttpResponseException family in text unless a handler names the type itself
        cfg.routes.exception(HttpResponseException.class, problems::handle);
        cfg.routes.error(404, ctx -> unlessProblem(ctx, problems, 404, "no route " + ctx.method() + " " + ctx.path()));
        cfg.routes.error(405, ctx -> unlessProblem(ctx, problems, 405, ctx.method() + " is not allowed here"));
    }

    /** The only connector when TLS is on (Javalin then adds no plain one): TLS, then HTTP/1.1. */
    private ServerConnector tlsConnector(Server server, HttpConfiguration http, TlsSettings keystore) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePath(keystore.keystore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(keystore.password());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // clients reach it by any name (an IP, a Service name): the certificate's names are the client's check
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector =
                new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        return connector;
    }

    /**
     * Every {@code /api/*} request, routed or not, needs a known token (when tokens are configured). A request whose
     * token is refused still takes from its address's bucket, so that guessing tokens is rate-limited too: past the
     * limit the guesser gets 429 instead of 401.
     */
    private void authenticate(Context ctx) {
        if (isApiPath(ctx.path())) {
            try {
                apiTokens.authenticate(ctx);
            } catch (UnauthorizedResponse refused) {
                rateLimiter.ifPresent(limiter -> limit(limiter, ctx));
                throw refused;
            }
            rateLimiter.ifPresent(limiter -> limit(limiter, ctx));
        }
    }

    /** 429 with {@code Retry-After} once a token (or an unauthenticated address) exceeds its rate. */
    private void limit(RateLimiter limiter, Context ctx) {
        String client = ApiTokens.principal(ctx).map(name -> "token:" + name).orElseGet(() -> "ip:" + ctx.ip());
        long wait = limiter.acquire(client);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new HttpResponseException(
                    429, "more than " + rateLimit + " API requests a second from this client; retry in " + wait + " s");
        }
    }

    /** The route's handler behind the check of its scope (API routes only). */
    private Handler scoped(Route route) {
        if (!route.isApi()) {
            return route.handler();
        }
        return ctx -> {
            apiTokens.authorize(ctx, route.scope());
            route.handler().handle(ctx);
        };
    }

    static boolean isApiPath(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static void unlessProblem(Context ctx, ProblemMapper problems, int status, String detail) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(Problem.MEDIA_TYPE)) {
            problems.handleStatus(status, detail, ctx);
        }
    }
}
