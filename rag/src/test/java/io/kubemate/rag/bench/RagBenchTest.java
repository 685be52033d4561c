package io.kubemate.rag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.rag.embed.Embedder;
import io.kubemate.rag.embed.UnitVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's measuring code at a tiny size; timings are not asserted, only that every figure is sound. */
class RagBenchTest {
    @TempDir
    Path tmp;

    @Test
    void measuresEmbeddingAndSearchAtATinySize() {
        AtomicInteger embedded = new AtomicInteger();
        Embedder fake = new Embedder() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public String modelName() {
                return "fake";
            }

            @Override
            public float[] embed(String text) {
                embedded.incrementAndGet();
                return UnitVectors.unit(new float[] {text.length(), 1, 1}, 3);
            }
        };
        RagBenchSettings settings = new RagBenchSettings(600, 30, 12, 250, 50, tmp.resolve("index"), 7);

        RagBenchReport report = RagBench.run(settings, List.of(() -> fake));

        assertThat(report.embedding())
                .extracting(RagBenchReport.Embedding::mode)
                .containsExactly("embed", "embedAll");
        assertThat(report.embedding()).allSatisfy(e -> {
            assertThat(e.texts()).isEqualTo(12);
            assertThat(e.meanWords()).isBetween(60.0, 100.0);
            assertThat(e.textsPerSecond()).isPositive();
        });
        assertThat(embedded.get()).isEqualTo(10 + 12 + 12); // warm-up, sequential, all
        RagBenchReport.Search search = report.search();
        assertThat(search.vectors()).isEqualTo(600);
        assertThat(search.queries()).isEqualTo(30);
        assertThat(search.recallAt10()).isBetween(0.9, 1.0);
        assertThat(search.p50Millis()).isPositive().isLessThanOrEqualTo(search.p99Millis());
        assertThat(search.cpuMillisPerQuery()).isPositive();
        // 600 vectors in batches of 250 make three segments; the merge policy allows two small ones
        assertThat(search.segments()).isBetween(1, 2);
        assertThat(search.settleSeconds()).isPositive();
        assertThat(search.indexBytes()).isGreaterThan(600L * RagBenchSettings.DIMENSION * 4);
        assertThat(report.format()).contains("recall@10", "texts/s", "600 vectors");
    }

    @Test
    void exactTopKeepsTheTenHighestDotProducts() {
        float[][] data = new float[12][];
        for (int i = 0; i < data.length; i++) {
            double angle = Math.toRadians(15 * i); // v0 is the query itself, v11 the farthest
            data[(i * 5) % 12] = new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
        }

        Set<String> top = SearchBench.exactTop(data, new float[] {1, 0});

        assertThat(top).hasSize(10).doesNotContain("v" + (10 * 5) % 12, "v" + (11 * 5) % 12);
    }

    @Test
    void percentilesPickFromTheSortedValues() {
        double[] values = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};

        assertThat(SearchBench.percentile(values, 0.5)).isEqualTo(5);
        assertThat(SearchBench.percentile(values, 0.99)).isEqualTo(10);
    }
}
