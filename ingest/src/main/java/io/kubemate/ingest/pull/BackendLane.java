package io.kubemate.ingest.pull;

import io.kubemate.core.error.KubemateException;
import io.kubemate.ingest.pull.BackendStatus.Outcome;
import io.kubemate.ingest.pull.EnrichmentRun.Output;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's workers and circuit breaker, and the policy for what a query's outcome means: an answer (even a 4xx
 * or an oversized one) proves the backend alive; a timeout, a refused connection, a 5xx or garbage counts against it;
 * a query cancelled at the request deadline says nothing.
 */
final class BackendLane {
    private static final Logger LOG = LoggerFactory.getLogger(BackendLane.class);

    /** One query of an enrichment request. */
    @FunctionalInterface
    interface Query {
        Output run();
    }

    private final PullBackend backend;
    private final ThreadPoolExecutor executor;
    private final CircuitBreaker breaker;

    BackendLane(PullBackend backend, int threads, int waiting, CircuitBreaker breaker) {
        this.backend = backend;
        this.executor = Workers.pool("kubemate-pull-" + backend.name().toLowerCase(Locale.ROOT), threads, waiting);
        this.breaker = breaker;
    }

    /** Queues query {@code index} of {@code run}; a full queue counts as that query skipped. */
    void submit(EnrichmentRun run, int index, Query query) {
        try {
            run.track(executor.submit(() -> execute(run, index, query)));
        } catch (RejectedExecutionException e) {
            run.failed(backend, Outcome.SKIPPED, backend.source() + " has too many queries waiting");
        }
    }

    private void execute(EnrichmentRun run, int index, Query query) {
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

    /** {@code closed}, {@code open} or {@code half_open}. */
    String circuitState() {
        return breaker.state().name().toLowerCase(Locale.ROOT);
    }

    /** Interrupts running queries and waits up to {@code millis} for the workers to end. */
    void close(long millis) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
