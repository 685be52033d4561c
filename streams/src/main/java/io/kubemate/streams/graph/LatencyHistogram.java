package io.kubemate.streams.graph;

import java.util.Map;
import java.util.TreeMap;

/**
 * Fixed logarithmic latency buckets for percentiles: bucket 0 holds calls up to 0.1 ms, bucket {@code i} those up to
 * 0.1 ms × 1.2<sup>i</sup>, the last (86) everything from about 9 minutes up. A percentile is reported as the
 * geometric middle of its bucket, so between 0.1 ms and 9 minutes it is within about ±10% of the exact value (bucket
 * 0 reports 0.1 ms, the last bucket its lower bound). Counts are kept sparse: bucket index to count.
 */
final class LatencyHistogram {
    static final int BUCKETS = 87;
    private static final double BASE_MILLIS = 0.1;
    private static final double GROWTH = 1.2;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private LatencyHistogram() {}

    /** The bucket of a call that took {@code nanos}. */
    static int bucket(long nanos) {
        double millis = nanos / 1_000_000.0;
        if (millis <= BASE_MILLIS) {
            return 0;
        }
        int index = (int) Math.ceil(Math.log(millis / BASE_MILLIS) / LOG_GROWTH - 1e-9);
        return Math.min(index, BUCKETS - 1);
    }

    /** The value reported for bucket {@code index}, in milliseconds. */
    static double representativeMillis(int index) {
        if (index == 0) {
            return BASE_MILLIS;
        }
        double lower = BASE_MILLIS * Math.pow(GROWTH, index - 1);
        return index == BUCKETS - 1 ? lower : lower * Math.sqrt(GROWTH);
    }

    /** The {@code quantile} (0–1) of {@code counts} in milliseconds, rounded to 0.01 ms; 0 when there is none. */
    static double quantileMillis(Map<Integer, Long> counts, double quantile) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(counts).entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return Math.round(representativeMillis(entry.getKey()) * 100) / 100.0;
            }
        }
        return 0;
    }
}
