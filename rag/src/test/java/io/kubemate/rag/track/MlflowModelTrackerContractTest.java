package io.kubemate.rag.track;

import static io.kubemate.rag.track.SummaryRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kubemate.core.rca.ModelUsage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MlflowModelTracker} against {@link FakeMlflowServer}: the REST calls it makes, in order and with the right
 * bodies, and that a failing, dead or hanging MLflow never reaches the caller.
 */
class MlflowModelTrackerContractTest {
    private static final Duration IDLE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private FakeMlflowServer mlflow;
    private MlflowModelTracker tracker;

    @BeforeEach
    void start() throws Exception {
        mlflow = new FakeMlflowServer();
    }

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
        mlflow.close();
        assertThat(mlflow.violations).as("what the fake MLflow refused").isEmpty();
    }

    private MlflowModelTracker open(String uri, int queue) {
        MlflowSettings settings = MlflowSettings.of(uri, "s3cret")
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))
                .withQueueCapacity(queue);
        return new MlflowModelTracker(settings, new LocalModelTracker(dataDir));
    }

    private MlflowModelTracker open() {
        return open(mlflow.uri(), 64);
    }

    @Test
    void recordsOneFinishedRunPerSummaryAndRegistersItsCombination() throws Exception {
        tracker = open();

        tracker.record(run().summary("sum-1").incident("inc-7").latency(812).build());

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        // distinct: the client repeats a call answered 4xx (here the 404 of get-by-name) three times
        assertThat(mlflow.lines().stream().distinct())
                .containsExactly(
                        "GET experiments/get-by-name",
                        "POST experiments/create",
                        "POST runs/create",
                        "POST runs/log-batch",
                        "POST runs/update",
                        "POST registered-models/create",
                        "GET model-versions/search",
                        "POST model-versions/create");
        assertThat(mlflow.experiments).containsOnlyKeys("kubemate-rca");
        FakeMlflowServer.Run r = mlflow.runs.get("r1");
        assertThat(r.tags).contains(entry("kubemate.incident_id", "inc-7"), entry("kubemate.summary_id", "sum-1"));
        assertThat(r.params)
                .containsExactly(
                        entry("model", "llama3.2:1b"),
                        entry("digest", "sha256:abc123"),
                        entry("promptVersion", "rca-v3"),
                        entry("embeddingModel", "all-minilm-l6-v2-q"),
                        entry("kind", "llm"));
        assertThat(r.metrics)
                .containsExactly(
                        entry("latency_ms", 812.0),
                        entry("prompt_tokens", 412.0),
                        entry("completion_tokens", 96.0),
                        entry("top_retrieval_score", 0.82),
                        entry("grounded", 1.0));
        assertThat(r.status).isEqualTo("FINISHED");
        long finished = java.time.Instant.parse("2026-11-26T01:00:00Z").toEpochMilli();
        assertThat(r.endTime).isEqualTo(finished);
        assertThat(r.startTime).isEqualTo(finished - 812);
        assertThat(mlflow.versions).singleElement().satisfies(v -> {
            assertThat(v.path("name").asText()).isEqualTo("kubemate-rca-summarizer");
            assertThat(v.path("source").asText()).isEqualTo("ollama://llama3.2:1b@sha256:abc123");
            assertThat(v.path("run_id").asText()).isEqualTo("r1");
            assertThat(v.path("tags").toString()).contains("\"key\":\"promptVersion\",\"value\":\"rca-v3\"");
        });
        assertThat(mlflow.calls).allMatch(c -> "Bearer s3cret".equals(c.authorization()));
        assertThat(tracker.failed()).isZero();
    }

    @Test
    void reusesTheExperimentAndRegistersEachCombinationOnce() throws Exception {
        tracker = open();

        tracker.record(run().summary("s1").build());
        tracker.record(run().summary("s2").fallback("ungrounded twice").build());
        tracker.record(run().summary("s3").prompt("rca-v4").build());

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(mlflow.lines()).filteredOn("POST experiments/create"::equals).hasSize(1);
        assertThat(mlflow.runs).hasSize(3);
        assertThat(mlflow.runs.get("r2").metrics).containsEntry("grounded", 0.0);
        assertThat(mlflow.runs.get("r2").tags).containsEntry("fallback_reason", "ungrounded twice");
        assertThat(mlflow.versions)
                .extracting(v -> v.path("tags").get(0).path("value").asText())
                .containsExactly("rca-v3", "rca-v4");
        assertThat(tracker.models()).hasSize(2);
    }

    @Test
    void afterARestartFindsTheExperimentTheVersionsAndTheRunsOfEarlierSummaries() throws Exception {
        tracker = open();
        tracker.record(run().summary("s1").build());
        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        tracker.close();
        mlflow.calls.clear();

        tracker = open();
        tracker.record(run().summary("s2").build());
        tracker.feedback("inc-1", "s1", true);

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(mlflow.lines())
                .doesNotContain("POST experiments/create", "POST model-versions/create")
                .contains("POST registered-models/create", "POST runs/search", "POST runs/log-metric");
        assertThat(mlflow.versions).hasSize(1);
        assertThat(mlflow.runs.get("r1").metrics).containsEntry("helpful", 1.0);
        assertThat(tracker.failed()).isZero();
    }

    @Test
    void feedbackIsAHelpfulMetricOnTheSummarysRun() throws Exception {
        tracker = open();
        tracker.record(run().summary("s1").build());
        tracker.record(run().summary("s2").build());

        tracker.feedback("inc-1", "s2", false);

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(mlflow.runs.get("r2").metrics).containsEntry("helpful", 0.0);
        assertThat(mlflow.runs.get("r1").metrics).doesNotContainKey("helpful");
        assertThat(tracker.models().get(0).helpfulShare()).isEqualTo(0.0);
    }

    @Test
    void anMlflowAnswering500LosesOnlyItsOwnCopy() throws Exception {
        tracker = open();
        mlflow.failWith = 500;

        tracker.record(run().summary("s1").build());

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(tracker.failed()).isEqualTo(1);
        assertThat(tracker.models())
                .singleElement()
                .extracting(ModelUsage::runs)
                .isEqualTo(1L);

        mlflow.failWith = 0;
        tracker.record(run().summary("s2").build());
        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(mlflow.runs).hasSize(1);
        assertThat(tracker.failed()).isEqualTo(1);
    }

    @Test
    void aDeadMlflowNeverReachesTheCaller() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        tracker = open("http://127.0.0.1:" + port, 64);

        tracker.record(run().summary("s1").build());
        tracker.feedback("inc-1", "s1", true);

        assertThat(tracker.awaitIdle(IDLE)).isTrue();
        assertThat(tracker.failed()).isEqualTo(2);
        assertThat(tracker.models().get(0).helpfulShare()).isEqualTo(1.0);
    }

    @Test
    void aHangingMlflowTimesOutOnTheWorkerNotTheCaller() throws Exception {
        tracker = open();
        mlflow.hang();

        assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> tracker.record(run().summary("s1").build()));

        // the socket timeout (500 ms) ends the call; without it the worker would wait for the server's 30 s
        assertThat(tracker.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(tracker.failed()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsNewEntriesWithoutBlocking() {
        tracker = open(mlflow.uri(), 1);
        mlflow.hang();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 5; i++) {
                tracker.record(run().summary("s" + i).build());
            }
        });

        // one in flight (or about to be), one queued, the rest dropped
        assertThat(tracker.dropped()).isBetween(3L, 4L);
        assertThat(tracker.models().get(0).runs()).isEqualTo(5);
    }
}
