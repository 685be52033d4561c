package io.kubemate.app.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of latency samples and medians of run results. */
final class Stats {
    /** The latency of an alert that never showed up in an incident: sorts after every real sample. */
    static final long UNMATCHED = Long.MAX_VALUE;

    private Stats() {}

    /** The nearest-rank percentile {@code p} (0..100) of {@code sorted}; 0 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The median of {@code values} (mean of the two middle ones for an even count); NaN when empty. */
    static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        int mid = copy.length / 2;
        return copy.length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2.0;
    }

    /** Nanoseconds as milliseconds with one decimal. */
    static String ms(long nanos) {
        if (nanos == UNMATCHED) {
            return "never";
        }
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** A rate with thousands separated by a thin space, e.g. {@code 41 256}. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,d", Math.round(perSecond)).replace(',', ' ');
    }

    /** A ratio with two decimals, or n/a. */
    static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
