package io.kubemate.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers batches at a fixed rate whatever the answers' speed (open loop, so slow answers cannot hide latency) and
 * measures each alert from its POST's scheduled send time to the incident snapshot that first names it.
 */
final class OpenLoopLatency {
    static final Duration MATCH_TIMEOUT = Duration.ofSeconds(60);

    private final URI uri;
    private final AlertBatches batches;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong accepted = new AtomicLong();

    OpenLoopLatency(URI uri, AlertBatches batches) {
        this.uri = uri;
        this.batches = batches;
    }

    /**
     * Offers {@code postsPerSecond} for {@code warmupSeconds} (not measured) and then for {@code seconds}; waits for
     * the answers and for the snapshots naming the measured alerts (at most {@link #MATCH_TIMEOUT} after).
     */
    LatencyResult run(IncidentWatcher watcher, double postsPerSecond, int warmupSeconds, int seconds)
            throws InterruptedException {
        long period = Math.round(1e9 / postsPerSecond);
        long warmupPosts = Math.round(postsPerSecond * warmupSeconds);
        long posts = Math.round(postsPerSecond * seconds);
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        long start = System.nanoTime() + 100_000_000L;
        long maxLag = 0;
        for (long k = 0; k < warmupPosts + posts; k++) {
            long scheduled = start + k * period;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = k >= warmupPosts;
            if (measured) {
                maxLag = Math.max(maxLag, System.nanoTime() - scheduled);
            }
            CompletableFuture<Void> answer = post(measured ? watcher : null, batches.batch(k), scheduled);
            if (measured) {
                answers.add(answer);
            }
        }
        awaitAnswers(answers);
        watcher.awaitAll(MATCH_TIMEOUT);
        long sent = posts * batches.size();
        long[] sorted = withUnmatched(watcher.finish().sorted(), sent);
        long matched = sent - watcher.pendingCount();
        return new LatencyResult(
                postsPerSecond * batches.size(),
                sent,
                accepted.get(),
                matched,
                Stats.percentile(sorted, 50),
                Stats.percentile(sorted, 99),
                Stats.percentile(sorted, 100),
                maxLag,
                watcher.snapshots(),
                watcher.snapshotBytes());
    }

    /** The samples with {@link Stats#UNMATCHED} for every alert no snapshot named, so percentiles cover all. */
    static long[] withUnmatched(long[] sorted, long sent) {
        long[] all = java.util.Arrays.copyOf(sorted, (int) Math.max(sorted.length, sent));
        java.util.Arrays.fill(all, sorted.length, all.length, Stats.UNMATCHED);
        return all;
    }

    /** POSTs a batch; a measured one ({@code watcher} not null) registers its alerts first. */
    private CompletableFuture<Void> post(IncidentWatcher watcher, AlertBatches.Batch batch, long scheduled) {
        if (watcher != null) {
            for (String fingerprint : batch.fingerprints()) {
                watcher.expect(fingerprint, scheduled);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AlertBatches.webhookBody(batch, Instant.now())))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> {
                    if (response.statusCode() == 200 && watcher != null) {
                        accepted.addAndGet(batch.fingerprints().size());
                    }
                })
                .exceptionally(error -> null);
    }

    private static void awaitAnswers(List<CompletableFuture<Void>> answers) throws InterruptedException {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // counted as not accepted
        }
    }
}
