package io.kubemate.ingest.pull;

import io.kubemate.ingest.pull.BackendStatus.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

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

    private final PullSettings settings;
    private final UnaryOperator<String> redactor;
    private final Map<PullBackend, BackendLane> lanes = new EnumMap<>(PullBackend.class);
    private final QueryPlanner planner;
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
        this.planner = new QueryPlanner(settings);
        int waiting = settings.maxConcurrency() * Math.max(settings.maxServices(), MAX_EXPRESSIONS);
        for (PullBackend backend : PullBackend.values()) {
            if (settings.isEnabled(backend)) {
                CircuitBreaker breaker = new CircuitBreaker(
                        backend.name().toLowerCase(Locale.ROOT),
                        settings.failureThreshold(),
                        settings.backoffBase(),
                        settings.backoffMax(),
                        clock);
                lanes.put(backend, new BackendLane(backend, settings.maxConcurrency(), waiting, breaker));
            }
        }
        scheduler = Workers.scheduler("kubemate-pull-scheduler");
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
        lanes.forEach((b, lane) -> out.put(b, lane.circuitState()));
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
        Map<PullBackend, List<BackendLane.Query>> plans = new EnumMap<>(PullBackend.class);
        lanes.keySet().forEach(backend -> {
            List<BackendLane.Query> queries = planner.queries(backend, run.request());
            run.plan(backend, queries.size(), new BackendStatus(Outcome.SKIPPED, QueryPlanner.whyNone(backend)));
            plans.put(backend, queries);
        });
        plans.forEach((backend, queries) -> {
            for (int i = 0; i < queries.size(); i++) {
                lanes.get(backend).submit(run, i, queries.get(i));
            }
        });
        run.finishIfComplete();
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
        try {
            for (BackendLane lane : lanes.values()) {
                lane.close(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
