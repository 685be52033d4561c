package io.kubemate.streams.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void aReportedLatencyIsWithinTenPercentBetweenATenthOfAMillisecondAndNineMinutes() {
        for (double millis = 0.11; millis < 500_000; millis *= 1.07) {
            Map<Integer, Long> counts = Map.of(LatencyHistogram.bucket((long) (millis * 1_000_000)), 1L);
            assertThat(LatencyHistogram.quantileMillis(counts, 0.95))
                    .as("%s ms", millis)
                    .isCloseTo(millis, within(millis * 0.1 + 0.01));
        }
    }

    @Test
    void theExtremesAreClampedToTheFirstAndLastBucket() {
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(-5)).isZero();
        assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.quantileMillis(Map.of(), 0.95)).isZero();
    }

    @Test
    void theNinetyFifthPercentileIsTheValueAtItsRank() {
        Map<Integer, Long> counts = new HashMap<>();
        for (int millis = 1; millis <= 1000; millis++) {
            counts.merge(LatencyHistogram.bucket(millis * 1_000_000L), 1L, Long::sum);
        }
        assertThat(LatencyHistogram.quantileMillis(counts, 0.95)).isCloseTo(950, within(95.0));
        assertThat(LatencyHistogram.quantileMillis(counts, 0.5)).isCloseTo(500, within(50.0));
    }
}
