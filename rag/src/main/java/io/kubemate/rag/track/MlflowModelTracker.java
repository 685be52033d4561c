package io.kubemate.rag.track;

import io.kubemate.core.rca.ModelUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelTracker} that also sends every run and rating to an MLflow tracking server: one run per summary in the
 * configured experiment (params, metrics, incident tags, FINISHED), one version of the configured registered model per
 * model and prompt combination, ratings as a {@code helpful} metric on the summary's run. Everything is first handed to
 * {@code local}, which answers {@link #models()} and keeps working when MLflow does not.
 *
 * <p>MLflow is called from one worker thread, through a queue of {@link MlflowSettings#queueCapacity()} entries, with
 * the settings' timeouts. When the queue is full new entries are dropped; a failed call is logged and its entry dropped.
 * Neither ever reaches the caller.
 */
public final class MlflowModelTracker implements ModelTracker {
    private static final Logger log = LoggerFactory.getLogger(MlflowModelTracker.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ModelTracker local;
    private final MlflowClient client;
    private final MlflowRuns runs;
    private final ThreadPoolExecutor worker;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Sends to the server in {@code settings}; {@code local} keeps the same data and answers {@link #models()}. */
    public MlflowModelTracker(MlflowSettings settings, ModelTracker local) {
        this.local = local;
        this.client = MlflowClients.open(settings);
        this.runs = new MlflowRuns(client, settings);
        this.worker = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()),
                r -> {
                    Thread t = new Thread(r, "kubemate-mlflow");
                    t.setDaemon(true);
                    return t;
                },
                (task, executor) -> {
                    long n = dropped.incrementAndGet();
                    if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: enough to notice, not a flood
                        log.warn("MLflow queue full, {} runs or ratings dropped so far", n);
                    }
                });
    }

    @Override
    public void record(SummaryRun run) {
        local.record(run);
        worker.execute(() -> send("run of summary " + run.summaryId(), () -> runs.send(run)));
    }

    @Override
    public void feedback(String incidentId, String summaryId, boolean helpful) {
        local.feedback(incidentId, summaryId, helpful);
        Instant at = Instant.now();
        worker.execute(() -> send("rating of summary " + summaryId, () -> runs.rate(summaryId, helpful, at)));
    }

    @Override
    public List<ModelUsage> models() {
        return local.models();
    }

    private void send(String what, Runnable call) {
        try {
            call.run();
        } catch (MlflowClientException e) {
            failed.incrementAndGet();
            log.warn("MLflow: {} not recorded: {}", what, e.getMessage());
        } catch (RuntimeException e) {
            // the worker's boundary: an answer the client cannot read must not end the worker or reach a caller
            failed.incrementAndGet();
            log.warn("MLflow: {} not recorded", what, e);
        }
    }

    /** Entries that failed to send (for metrics and tests). */
    long failed() {
        return failed.get();
    }

    /** Entries dropped because the queue was full (for metrics and tests). */
    long dropped() {
        return dropped.get();
    }

    /** Whether everything queued before this call has been handled (sent or dropped) within {@code timeout}. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        Future<?> marker = worker.submit(() -> {});
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /** Sends what is queued within a few seconds, drops the rest, then closes the client and {@code local}. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                int left = worker.shutdownNow().size();
                log.warn("MLflow: {} runs or ratings not sent at shutdown", left);
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            client.close();
            local.close();
        }
    }
}
