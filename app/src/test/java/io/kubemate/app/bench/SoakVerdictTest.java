package io.kubemate.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void steadyRssAndLagAreFlat() {
        SoakBench.Verdict verdict = SoakBench.Verdict.of(samples(i -> 700 * MIB + (i % 3) * MIB, i -> 200L), 1000);
        assertThat(verdict.flat()).isTrue();
        assertThat(verdict.describe()).contains("FLAT");
    }

    @Test
    void growingRssIsNotFlat() {
        SoakBench.Verdict verdict = SoakBench.Verdict.of(samples(i -> (500 + 60L * i) * MIB, i -> 0L), 1000);
        assertThat(verdict.flat()).isFalse();
        assertThat(verdict.rssGrowth()).isGreaterThan(0.15);
    }

    @Test
    void aGrowingBacklogIsNotFlatAndTooFewSamplesNeverPass() {
        assertThat(SoakBench.Verdict.of(samples(i -> 600 * MIB, i -> 5_000L * i * i), 1000)
                        .flat())
                .isFalse();
        SoakBench.Verdict tooShort =
                SoakBench.Verdict.of(samples(i -> 600 * MIB, i -> 0L).subList(0, 5), 1000);
        assertThat(tooShort.flat()).isFalse();
        assertThat(tooShort.describe()).startsWith("too few samples to judge").doesNotContain("NaN");
    }

    @Test
    void optionsAreBounded() {
        assertThat(SoakBench.parse(List.of("--minutes", "3", "--rate", "500"), System.out))
                .isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SoakBench.parse(List.of("--minutes", "2"), System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--minutes 3 to 120");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SoakBench.parse(List.of("--seconds", "5"), System.out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<SoakBench.Sample> samples(
            java.util.function.IntToLongFunction rss, java.util.function.IntToLongFunction lag) {
        List<SoakBench.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            samples.add(new SoakBench.Sample(30L * i, rss.applyAsLong(i), 0, 0, lag.applyAsLong(i), 0, 0));
        }
        return samples;
    }
}
