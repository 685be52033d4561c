package io.kubemate.rag.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
    private static MiniLmEmbedder int8;

    @BeforeAll
    static void load() {
        int8 = MiniLmEmbedder.quantized(2);
    }

    @AfterAll
    static void close() {
        int8.close();
    }

    @Test
    void givesUnitVectorsOf384DimensionsThatPlaceSimilarTextsCloser() {
        float[] oom = int8.embed("payments-api pods OOMKilled, memory limit 512Mi exceeded after deploy v2.3");
        float[] memory = int8.embed("checkout container killed: out of memory, limit reached after the new release");
        float[] dns = int8.embed("Grafana dashboard colour theme changed by the design team");

        assertThat(int8.dimension()).isEqualTo(384);
        assertThat(oom).hasSize(384);
        assertThat(dot(oom, oom)).isCloseTo(1.0, within(1e-4));
        assertThat(dot(oom, memory)).isGreaterThan(dot(oom, dns) + 0.1);
        assertThat(int8.modelName()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void embedAllGivesTheSameVectorsAsEmbedInOrder() {
        List<String> texts = List.of("disk full on node-3", "TLS certificate expired", "latency p99 above 2s");

        List<float[]> all = int8.embedAll(texts);

        assertThat(all).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(dot(all.get(i), int8.embed(texts.get(i)))).isCloseTo(1.0, within(1e-5));
        }
        assertThat(int8.embedAll(List.of())).isEmpty();
    }

    @Test
    void isSafeToCallFromManyThreads() throws Exception {
        float[] expected = int8.embed("kafka consumer lag growing on topic alerts");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> int8.embed("kafka consumer lag growing on topic alerts")));
            }
            for (Future<float[]> r : results) {
                assertThat(dot(r.get(60, TimeUnit.SECONDS), expected)).isCloseTo(1.0, within(1e-5));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aBlankTextIsRejected() {
        assertThatThrownBy(() -> int8.embed(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFullPrecisionModelAgreesWithTheQuantizedOne() {
        String text = "payments-api pods OOMKilled, memory limit 512Mi exceeded after deploy v2.3";
        try (MiniLmEmbedder fp32 = MiniLmEmbedder.fullPrecision(1)) {
            float[] full = fp32.embed(text);

            assertThat(fp32.modelName()).isEqualTo("all-minilm-l6-v2");
            assertThat(dot(full, full)).isCloseTo(1.0, within(1e-4));
            assertThat(dot(full, int8.embed(text))).isGreaterThan(0.9);
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
