package io.kubemate.rag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.rag.embed.Embedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextBenchTest {
    @TempDir
    Path dir;

    /** A cheap stand-in embedder: the bench's arithmetic is under test here, not the model. */
    private static final Embedder HASHING = new Embedder() {
        @Override
        public int dimension() {
            return 16;
        }

        @Override
        public String modelName() {
            return "hashing";
        }

        @Override
        public float[] embed(String text) {
            float[] v = new float[16];
            for (String word : text.split("\\s+")) {
                v[Math.floorMod(word.hashCode(), 16)] += 1;
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / Math.sqrt(norm));
            }
            return v;
        }
    };

    @Test
    void measuresEveryQueryAgainstTheStoredIncidents() {
        ContextBench.Result result = ContextBench.run(200, 5, HASHING, dir);

        assertThat(result.stored()).isEqualTo(200);
        assertThat(result.queries()).isEqualTo(5);
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.embedAndSearchP50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.format()).contains("200 stored incidents", "hashing");
    }
}
