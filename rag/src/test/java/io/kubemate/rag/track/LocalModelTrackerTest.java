package io.kubemate.rag.track;

import static io.kubemate.rag.track.SummaryRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubemate.core.rca.ModelUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelTrackerTest {
    @TempDir
    Path dataDir;

    @Test
    void aggregatesPerModelAndPromptCombination() {
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            tracker.record(run().summary("s1").at("2026-11-26T01:00:00Z").build());
            tracker.record(run().summary("s2")
                    .at("2026-11-26T01:05:00Z")
                    .fallback("ungrounded twice")
                    .build());
            tracker.record(run().summary("s3")
                    .prompt("rca-v4")
                    .at("2026-11-26T02:00:00Z")
                    .build());
            tracker.feedback("inc-1", "s1", true);
            tracker.feedback("inc-1", "s2", false);

            List<ModelUsage> models = tracker.models();

            assertThat(models).extracting(ModelUsage::promptVersion).containsExactly("rca-v4", "rca-v3");
            ModelUsage v3 = models.get(1);
            assertThat(v3.name()).isEqualTo("llama3.2:1b");
            assertThat(v3.digest()).isEqualTo("sha256:abc123");
            assertThat(v3.embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(v3.runs()).isEqualTo(2);
            assertThat(v3.lastUsed()).isEqualTo(Instant.parse("2026-11-26T01:05:00Z"));
            assertThat(v3.groundedShare()).isCloseTo(0.5, within(1e-9));
            assertThat(v3.feedbacks()).isEqualTo(2);
            assertThat(v3.helpfulShare()).isCloseTo(0.5, within(1e-9));
            assertThat(models.get(0).helpfulShare()).isNull();
        }
    }

    @Test
    void aLaterRatingOfTheSameSummaryReplacesTheEarlierOneAndUnknownSummariesAreIgnored() {
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            tracker.record(run().summary("s1").build());

            tracker.feedback("inc-1", "s1", false);
            tracker.feedback("inc-1", "s1", true);
            tracker.feedback("inc-1", "never-written", false);

            ModelUsage info = tracker.models().get(0);
            assertThat(info.feedbacks()).isEqualTo(1);
            assertThat(info.helpfulShare()).isEqualTo(1.0);
        }
    }

    @Test
    void retriedSummariesCountAsGrounded() {
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            tracker.record(run().summary("s1").grounding(Grounding.RETRIED).build());

            assertThat(tracker.models().get(0).groundedShare()).isEqualTo(1.0);
        }
    }

    @Test
    void reopeningRebuildsTheTotalsFromTheFile() {
        List<ModelUsage> before;
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            tracker.record(run().summary("s1").build());
            tracker.record(run().summary("s2").fallback("model timeout").build());
            tracker.feedback("inc-1", "s2", true);
            before = tracker.models();
        }

        try (LocalModelTracker reopened = new LocalModelTracker(dataDir)) {
            assertThat(reopened.models()).isEqualTo(before);
            reopened.feedback("inc-1", "s1", false);
            assertThat(reopened.models().get(0).feedbacks()).isEqualTo(2);
        }
        assertThat(dataDir.resolve("models/runs.jsonl")).exists();
    }

    @Test
    void skipsALineCutShortByACrash() throws Exception {
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            tracker.record(run().summary("s1").build());
        }
        Files.writeString(
                dataDir.resolve("models/runs.jsonl"),
                "{\"run\":{\"incidentId\":\"inc-2\",\"summ",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        try (LocalModelTracker reopened = new LocalModelTracker(dataDir)) {
            assertThat(reopened.models())
                    .singleElement()
                    .extracting(ModelUsage::runs)
                    .isEqualTo(1L);
        }
    }

    @Test
    void rotatesBeforeTheLimitAndKeepsTheTotalsAcrossRotationAndReopen() throws Exception {
        long limit = 8 * 1024;
        Path file = dataDir.resolve("models/runs.jsonl");
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir, limit)) {
            for (int i = 0; i < 60; i++) {
                tracker.record(run().summary("s" + i)
                        .model(i % 2 == 0 ? "llama3.2:1b" : "qwen2.5:3b", "sha256:" + (i % 2))
                        .grounding(i % 3 == 0 ? Grounding.FALLBACK : Grounding.GROUNDED)
                        .build());
                assertThat(Files.size(file)).isLessThanOrEqualTo(limit);
            }
            tracker.feedback("inc-1", "s59", true);
            assertThat(dataDir.resolve("models/runs.1.jsonl")).exists();
            assertThat(tracker.models()).extracting(ModelUsage::runs).containsExactlyInAnyOrder(30L, 30L);
        }

        try (LocalModelTracker reopened = new LocalModelTracker(dataDir, limit)) {
            List<ModelUsage> models = reopened.models();
            assertThat(models).extracting(ModelUsage::runs).containsExactlyInAnyOrder(30L, 30L);
            assertThat(models.stream()
                            .mapToDouble(m -> m.groundedShare() * m.runs())
                            .sum())
                    .isCloseTo(40, within(1e-6));
            assertThat(models.stream().mapToLong(ModelUsage::feedbacks).sum()).isEqualTo(1);
        }
    }

    @Test
    void concurrentRecordsAreAllCountedAndPersisted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (LocalModelTracker tracker = new LocalModelTracker(dataDir)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        tracker.record(run().summary("t" + thread + "-" + i).build());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(tracker.models().get(0).runs()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        try (LocalModelTracker reopened = new LocalModelTracker(dataDir)) {
            assertThat(reopened.models().get(0).runs()).isEqualTo(200);
        }
    }
}
