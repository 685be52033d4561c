package io.kubemate.ingest.pull;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.ingest.pull.BackendStatus.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One enrichment request in progress: how many queries each backend owes, what came back, and the future that
 * completes exactly once, when the last query is in or when it is cut short (deadline, dropped, shutdown).
 */
final class EnrichmentRun {
    /** Items kept per backend. */
    static final int MAX_ITEMS_PER_BACKEND = 8;

    /** Raw spans kept per request. */
    static final int MAX_SPANS = 10_000;

    /** What one query yielded. */
    record Output(List<EvidenceItem> items, List<LogEntry> logs, List<SpanRecord> spans) {}

    private record Failure(Outcome outcome, String message) {}

    private static final class Progress {
        boolean planned;
        int expected;
        int finished;
        BackendStatus preset;
        final List<Failure> failures = new ArrayList<>();
        final Map<Integer, List<EvidenceItem>> itemsByQuery = new TreeMap<>();
        final List<LogEntry> logs = new ArrayList<>();
        final Map<String, SpanRecord> spans = new LinkedHashMap<>();
    }

    private final EnrichmentRequest request;
    private final UnaryOperator<String> redactor;
    private final Consumer<EnrichmentRun> onFinish;
    private final CompletableFuture<EnrichmentResult> future = new CompletableFuture<>();
    private final Map<PullBackend, Progress> progress = new EnumMap<>(PullBackend.class);
    private final List<Future<?>> tasks = new ArrayList<>();
    private Future<?> deadlineTimer;
    private boolean done;

    /** Whether the service has taken it from its queue; read and written under the service's lock. */
    boolean started;

    EnrichmentRun(
            EnrichmentRequest request,
            Set<PullBackend> enabled,
            UnaryOperator<String> redactor,
            Consumer<EnrichmentRun> onFinish) {
        this.request = request;
        this.redactor = redactor;
        this.onFinish = onFinish;
        enabled.forEach(b -> progress.put(b, new Progress()));
    }

    EnrichmentRequest request() {
        return request;
    }

    CompletableFuture<EnrichmentResult> future() {
        return future;
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized void deadlineTimer(Future<?> timer) {
        this.deadlineTimer = timer;
    }

    /** {@code backend} owes {@code queries} answers; with none, its status is {@code whenNone}. */
    synchronized void plan(PullBackend backend, int queries, BackendStatus whenNone) {
        Progress p = progress.get(backend);
        p.planned = true;
        p.expected = queries;
        p.preset = queries == 0 ? whenNone : null;
    }

    /** Remembers a submitted query so that cutting the run short cancels it. */
    void track(Future<?> task) {
        boolean cancel;
        synchronized (this) {
            cancel = done;
            if (!done) {
                tasks.add(task);
            }
        }
        if (cancel) {
            task.cancel(true);
        }
    }

    /** Query {@code index} (in planning order, which orders the items) of {@code backend} answered. */
    void succeeded(PullBackend backend, int index, Output output) {
        synchronized (this) {
            if (done) {
                return;
            }
            Progress p = progress.get(backend);
            p.finished++;
            p.itemsByQuery.put(index, output.items());
            p.logs.addAll(output.logs());
            for (SpanRecord span : output.spans()) {
                if (p.spans.size() < MAX_SPANS) {
                    p.spans.putIfAbsent(span.traceId() + "/" + span.spanId(), span);
                }
            }
        }
        finishIfComplete();
    }

    void failed(PullBackend backend, Outcome outcome, String message) {
        synchronized (this) {
            if (done) {
                return;
            }
            Progress p = progress.get(backend);
            p.finished++;
            p.failures.add(new Failure(outcome, message));
        }
        finishIfComplete();
    }

    /** Completes the run if every backend has every answer. */
    void finishIfComplete() {
        EnrichmentResult result;
        synchronized (this) {
            if (done || progress.values().stream().anyMatch(p -> p.finished < p.expected)) {
                return;
            }
            done = true;
            result = result(Outcome.TIMEOUT, "");
        }
        complete(result, List.of());
    }

    /**
     * Completes the run now with what it has; backends still owing answers get {@code outcome} and {@code reason}.
     * Cancels the queries still queued or running. Does nothing if the run is already complete.
     */
    void finishNow(Outcome outcome, String reason) {
        EnrichmentResult result;
        List<Future<?>> cancel;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            result = result(outcome, reason);
            cancel = List.copyOf(tasks);
        }
        complete(result, cancel);
    }

    private void complete(EnrichmentResult result, List<Future<?>> cancel) {
        Future<?> timer;
        synchronized (this) {
            timer = deadlineTimer;
            tasks.clear();
        }
        if (timer != null) {
            timer.cancel(false);
        }
        cancel.forEach(task -> task.cancel(true));
        try {
            future.complete(result);
        } finally {
            onFinish.accept(this);
        }
    }

    private EnrichmentResult result(Outcome unfinishedOutcome, String unfinishedReason) {
        Map<PullBackend, List<EvidenceItem>> items = new EnumMap<>(PullBackend.class);
        Map<PullBackend, BackendStatus> status = new EnumMap<>(PullBackend.class);
        List<LogEntry> logs = new ArrayList<>();
        List<SpanRecord> spans = new ArrayList<>();
        progress.forEach((backend, p) -> {
            List<EvidenceItem> found = backend == PullBackend.JAEGER
                    ? JaegerEvidence.items(List.copyOf(p.spans.values()), MAX_ITEMS_PER_BACKEND)
                    : p.itemsByQuery.values().stream().flatMap(List::stream).toList();
            items.put(
                    backend,
                    found.stream()
                            .limit(MAX_ITEMS_PER_BACKEND)
                            .map(this::redacted)
                            .toList());
            status.put(backend, status(p, unfinishedOutcome, unfinishedReason));
            logs.addAll(p.logs);
            spans.addAll(p.spans.values());
        });
        logs.sort(Comparator.comparing(LogEntry::time).reversed());
        return new EnrichmentResult(request.incidentId(), items, logs, spans, status);
    }

    private static BackendStatus status(Progress p, Outcome unfinishedOutcome, String unfinishedReason) {
        if (!p.planned) {
            return new BackendStatus(unfinishedOutcome, unfinishedReason);
        }
        if (p.preset != null) {
            return p.preset;
        }
        int unfinished = p.expected - p.finished;
        if (unfinished > 0) {
            String first = p.failures.isEmpty() ? "" : "; " + p.failures.get(0).message();
            return new BackendStatus(
                    unfinishedOutcome,
                    unfinished + " of " + p.expected + " queries unanswered: " + unfinishedReason + first);
        }
        if (p.failures.isEmpty()) {
            return BackendStatus.OK;
        }
        Outcome worst = p.failures.stream()
                .map(Failure::outcome)
                .min(Comparator.comparingInt(EnrichmentRun::rank))
                .orElse(Outcome.ERROR);
        Failure first = p.failures.stream()
                .filter(f -> f.outcome() == worst)
                .findFirst()
                .orElse(p.failures.get(0));
        String prefix = p.expected > 1 ? p.failures.size() + " of " + p.expected + " queries failed: " : "";
        return new BackendStatus(worst, prefix + first.message());
    }

    /** Which failure a backend's status reports: errors before timeouts before skips. */
    private static int rank(Outcome outcome) {
        return switch (outcome) {
            case ERROR -> 0;
            case TIMEOUT -> 1;
            default -> 2;
        };
    }

    private EvidenceItem redacted(EvidenceItem item) {
        return new EvidenceItem(
                item.id(),
                item.key(),
                item.kind(),
                item.source(),
                item.service(),
                item.from(),
                item.to(),
                redactor.apply(item.title()),
                item.lines().stream().map(redactor).toList(),
                item.attributes());
    }
}
