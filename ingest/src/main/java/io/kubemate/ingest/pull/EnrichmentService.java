package io.kubemate.ingest.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.ingest.pull.BackendStatus.Outcome;
import io.kubemate.ingest.pull.EnrichmentRun.Output;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls evidence about an incident from the configured backends (Loki, Jaeger, Prometheus) without ever blocking its
 * caller: {@link #enrich(EnrichmentRequest)} only queues the request and returns a future.
 *
 * <p>Guarantees a caller may rely on:
 *
 * <ul>
 *   <li>queries run on the service's own threads, at most {@link PullSettings#maxConcurrency()} per backend, and at
 *       most that many requests at a time; further requests wait in a queue of {@link PullSettings#queueCapacity()};
 *       when it is full the oldest waiting request is dropped (its future completes with every backend {@code
 *       SKIPPED}) and {@link #droppedRequests()} counts it;
 *   <li>every future completes, at the latest at {@link PullSettings#requestDeadline()} after {@code enrich} was
 *       called, with what arrived by then; a backend still owing answers is reported as {@code TIMEOUT};
 *   <li>the future never completes exceptionally: failures are in {@link EnrichmentResult#status()};
 *   <li>a backend failing {@link PullSettings#failureThreshold()} times in a row is skipped, for {@link
 *       PullSettings#backoffBase()} doubling up to {@link PullSettings#backoffMax()}, then tried with one query.
 * </ul>
 *
 * <p>Dependent stages attached to the returned future may run on the service's threads; use the {@code ...Async}
 * variants for anything slow.
 */
public final class EnrichmentService implements AutoCloseable {
    /** The longest window queried; a longer request window is cut to its last six hours. */
    public static final Duration MAX_WINDOW = Duration.ofHours(6);

    /** Distinct alert expressions queried per request at most. */
    public static final int MAX_EXPRESSIONS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentService.class);

    private record Lane(PullBackend backend, ThreadPoolExecutor executor, CircuitBreaker breaker) {}

    @FunctionalInterface
    private interface Query {
        Output run();
    }

    private final PullSettings settings;
    private final UnaryOperator<String> redactor;
    private final Map<PullBackend, Lane> lanes = new EnumMap<>(PullBackend.class);
    private final LokiQueryClient loki;
    private final JaegerQueryClient jaeger;
    private final PrometheusQueryClient prometheus;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicLong dropped = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<EnrichmentRun> pending = new ArrayDeque<>();
    private final Set<EnrichmentRun> active = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /** A service for {@code settings}, without redaction of the items' text. */
    public EnrichmentService(PullSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /**
     * A service for {@code settings}.
     *
     * @param redactor applied to every title and line of the evidence items (not to the raw logs and spans)
     */
    public EnrichmentService(PullSettings settings, UnaryOperator<String> redactor) {
        this(settings, redactor, Clock.systemUTC());
    }

    EnrichmentService(PullSettings settings, UnaryOperator<String> redactor, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
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
        int waiting = settings.maxConcurrency() * Math.max(settings.maxServices(), MAX_EXPRESSIONS);
        for (PullBackend backend : PullBackend.values()) {
            if (settings.isEnabled(backend)) {
                String name = backend.name().toLowerCase(Locale.ROOT);
                CircuitBreaker breaker = new CircuitBreaker(
                        name, settings.failureThreshold(), settings.backoffBase(), settings.backoffMax(), clock);
                lanes.put(
                        backend,
                        new Lane(
                                backend,
                                Workers.pool("kubemate-pull-" + name, settings.maxConcurrency(), waiting),
                                breaker));
            }
        }
        scheduler = Workers.scheduler("kubemate-pull-scheduler");
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

    /** Whether at least one backend is configured. */
    public boolean isEnabled() {
        return !lanes.isEmpty();
    }

    /**
     * Queues {@code request} and returns at once. The future completes on the service's threads, never
     * exceptionally; with no backend configured it is already complete, every backend {@code OFF}.
     */
    public CompletableFuture<EnrichmentResult> enrich(EnrichmentRequest request) {
        Objects.requireNonNull(request, "request");
        if (lanes.isEmpty()) {
            return CompletableFuture.completedFuture(EnrichmentResult.withStatus(request.incidentId(), Map.of()));
        }
        EnrichmentRun run = new EnrichmentRun(request, lanes.keySet(), redactor, this::finished);
        boolean refused;
        synchronized (lock) {
            refused = closed;
            if (!refused) {
                queue(run);
            }
        }
        if (refused) {
            run.finishNow(Outcome.SKIPPED, "the enrichment service is closed");
        }
        return run.future();
    }

    /** Adds {@code run} to the queue, dropping the oldest waiting run when full; call with the lock held. */
    private void queue(EnrichmentRun run) {
        if (pending.size() >= settings.queueCapacity()) {
            EnrichmentRun oldest = pending.pollFirst();
            dropped.incrementAndGet();
            scheduler.execute(() -> oldest.finishNow(
                    Outcome.SKIPPED, "dropped: " + settings.queueCapacity() + " newer requests were waiting"));
        }
        pending.addLast(run);
        Duration deadline = settings.requestDeadline();
        String reason = "request deadline of " + Texts.duration(deadline.toNanos()) + " reached";
        run.deadlineTimer(scheduler.schedule(
                () -> run.finishNow(Outcome.TIMEOUT, reason), deadline.toNanos(), TimeUnit.NANOSECONDS));
        scheduler.execute(this::dispatch);
    }

    /** Requests dropped from the full queue since the start. */
    public long droppedRequests() {
        return dropped.get();
    }

    /** Requests waiting for a free slot now. */
    public int queuedRequests() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Per configured backend: {@code closed} (queried), {@code open} (skipped) or {@code half_open} (on trial). */
    public Map<PullBackend, String> circuitStates() {
        Map<PullBackend, String> out = new EnumMap<>(PullBackend.class);
        lanes.forEach((b, lane) -> out.put(b, lane.breaker().state().name().toLowerCase(Locale.ROOT)));
        return Collections.unmodifiableMap(out);
    }

    private void dispatch() {
        while (true) {
            EnrichmentRun next;
            synchronized (lock) {
                if (closed || active.size() >= settings.maxConcurrency() || pending.isEmpty()) {
                    return;
                }
                next = pending.pollFirst();
                next.started = true;
                active.add(next);
            }
            start(next);
        }
    }

    private void finished(EnrichmentRun run) {
        synchronized (lock) {
            pending.remove(run);
            active.remove(run);
            if (closed) {
                return;
            }
        }
        try {
            scheduler.execute(this::dispatch);
        } catch (RejectedExecutionException e) {
            // closing: nothing more to dispatch
        }
    }

    private void start(EnrichmentRun run) {
        if (run.isDone()) {
            return;
        }
        EnrichmentRequest request = run.request();
        Instant to = request.to();
        Instant from =
                Duration.between(request.from(), to).compareTo(MAX_WINDOW) > 0 ? to.minus(MAX_WINDOW) : request.from();
        List<String> services =
                request.services().stream().limit(settings.maxServices()).toList();
        Map<PullBackend, List<Query>> plans = new EnumMap<>(PullBackend.class);
        for (PullBackend backend : lanes.keySet()) {
            List<Query> queries = queries(backend, services, request, from, to);
            String none = backend == PullBackend.PROMETHEUS
                    ? "no alert expression (g0.expr) in the alerts' generatorURLs"
                    : "no services to ask about";
            run.plan(backend, queries.size(), new BackendStatus(Outcome.SKIPPED, none));
            plans.put(backend, queries);
        }
        plans.forEach((backend, queries) -> {
            for (int i = 0; i < queries.size(); i++) {
                submit(run, lanes.get(backend), i, queries.get(i));
            }
        });
        run.finishIfComplete();
    }

    private List<Query> queries(
            PullBackend backend, List<String> services, EnrichmentRequest request, Instant from, Instant to) {
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
                        var series = prometheus.queryRange(
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
                    .filter(expr -> out.size() < MAX_EXPRESSIONS || out.containsKey(expr))
                    .ifPresent(expr -> out.putIfAbsent(expr, alert.name()));
        }
        return out;
    }

    private void submit(EnrichmentRun run, Lane lane, int index, Query query) {
        try {
            run.track(lane.executor().submit(() -> execute(run, lane, index, query)));
        } catch (RejectedExecutionException e) {
            run.failed(lane.backend(), Outcome.SKIPPED, lane.backend().source() + " has too many queries waiting");
        }
    }

    private static void execute(EnrichmentRun run, Lane lane, int index, Query query) {
        PullBackend backend = lane.backend();
        CircuitBreaker breaker = lane.breaker();
        if (run.isDone()) {
            return;
        }
        if (!breaker.tryAcquire()) {
            run.failed(backend, Outcome.SKIPPED, backend.source() + ": " + breaker.describe());
            return;
        }
        try {
            Output output = query.run();
            breaker.onSuccess();
            run.succeeded(backend, index, output);
        } catch (QueryRejectedException | ResponseTooLargeException e) {
            breaker.onSuccess(); // it answered: alive, only this query is the problem
            run.failed(backend, Outcome.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                breaker.onAbandon(); // cancelled at the request deadline: says nothing about the backend
                return;
            }
            breaker.onFailure();
            boolean known = e instanceof KubemateException;
            if (!known) {
                LOG.warn("{} query failed unexpectedly", backend.source(), e);
            }
            run.failed(
                    backend,
                    e instanceof BackendTimeoutException ? Outcome.TIMEOUT : Outcome.ERROR,
                    known ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Stops the workers. Waiting and running requests complete at once with what they have, their unfinished
     * backends {@code SKIPPED}; later requests complete at once, every backend {@code SKIPPED}.
     */
    @Override
    public void close() {
        List<EnrichmentRun> unfinished;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            unfinished = new ArrayList<>(pending);
            unfinished.addAll(active);
            pending.clear();
        }
        unfinished.forEach(run -> run.finishNow(Outcome.SKIPPED, "the enrichment service is closing"));
        scheduler.shutdownNow();
        lanes.values().forEach(lane -> lane.executor().shutdownNow());
        try {
            for (Lane lane : lanes.values()) {
                lane.executor().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
