package io.kubemate.ingest.pull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Bounded text: cutting, one-line forms, durations and numbers as people read them. */
final class Texts {
    private Texts() {}

    /** {@code text} cut to {@code max} characters, ending in an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** {@code text} with runs of whitespace (newlines included) as one space, cut to {@code max}. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        return cut(text.strip().replaceAll("\\s+", " "), max);
    }

    /** A duration in the largest unit that keeps it readable: {@code 850 µs}, {@code 12.3 ms}, {@code 1.2 s}. */
    static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return (nanos / 1_000) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return number(nanos / 1_000_000.0, 3) + " ms";
        }
        return number(nanos / 1_000_000_000.0, 3) + " s";
    }

    /** A number with at most {@code digits} significant digits, no exponent for everyday magnitudes. */
    static String number(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal rounded =
                new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e12 || magnitude < 1e-6)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        return rounded.toPlainString();
    }

    /** Labels as a Prometheus selector body: {@code {job="api",instance="a:9100"}}, sorted, cut to {@code max}. */
    static String labels(Map<String, String> labels, int max) {
        String body = new TreeMap<>(labels)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(","));
        return cut("{" + body + "}", max);
    }

    /** Lower-case hex left-padded with zeros to {@code width}; empty when {@code id} is not hex of at most that width. */
    static String hexId(String id, int width) {
        String hex = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || hex.length() > width || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return "";
        }
        return "0".repeat(width - hex.length()) + hex;
    }
}
