package io.kubemate.ingest.pull;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.ServiceNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code metric} items for an alert's expression: one per series (the series with the highest values first), titled
 * with the expression, with a few downsampled points as lines and min/max/last as attributes.
 */
final class PrometheusEvidence {
    /** Series shown per expression at most. */
    static final int SERIES_PER_EXPRESSION = 3;

    /** Points shown per series at most (evenly spread, plus the highest). */
    static final int POINTS_SHOWN = 6;

    private PrometheusEvidence() {}

    static List<EvidenceItem> items(String expression, String alertName, List<MetricSeries> series) {
        return series.stream()
                .filter(s -> !s.points().isEmpty())
                .sorted(Comparator.comparingDouble(PrometheusEvidence::rank).reversed())
                .limit(SERIES_PER_EXPRESSION)
                .map(s -> item(expression, alertName, s))
                .toList();
    }

    private static EvidenceItem item(String expression, String alertName, MetricSeries series) {
        List<MetricSeries.Point> points = series.points();
        String labels = Texts.labels(series.labels(), 300);
        List<String> lines = new ArrayList<>();
        if (!series.labels().isEmpty()) {
            lines.add("series " + labels);
        }
        for (MetricSeries.Point p : downsample(points)) {
            lines.add(p.time() + " " + Texts.number(p.value(), 4));
        }
        double min = points.stream()
                .mapToDouble(MetricSeries.Point::value)
                .filter(Double::isFinite)
                .min()
                .orElse(Double.NaN);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("min", Texts.number(min, 4));
        attributes.put("max", Texts.number(highest(series), 4));
        attributes.put("last", Texts.number(points.get(points.size() - 1).value(), 4));
        attributes.put("points", Integer.toString(points.size()));
        attributes.put("series", labels);
        if (!alertName.isEmpty()) {
            attributes.put("alertname", Texts.cut(alertName, 200));
        }
        return new EvidenceItem(
                "",
                "metric/" + PrometheusQueryClient.SOURCE + "/" + digest(expression + "\n" + labels),
                EvidenceKind.METRIC,
                PrometheusQueryClient.SOURCE,
                ServiceNames.fromLabels(series.labels()),
                points.get(0).time(),
                points.get(points.size() - 1).time(),
                expression,
                lines,
                attributes);
    }

    private static double rank(MetricSeries series) {
        double highest = highest(series);
        return Double.isNaN(highest) ? Double.NEGATIVE_INFINITY : highest;
    }

    /** The highest finite value, or NaN when there is none. */
    private static double highest(MetricSeries series) {
        return series.points().stream()
                .mapToDouble(MetricSeries.Point::value)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
    }

    /** Evenly spread points, first and last included, plus the highest one, oldest first. */
    static List<MetricSeries.Point> downsample(List<MetricSeries.Point> points) {
        int n = points.size();
        TreeSet<Integer> picked = new TreeSet<>();
        int spread = Math.min(n, POINTS_SHOWN - 1);
        for (int i = 0; i < spread; i++) {
            picked.add(spread == 1 ? n - 1 : (int) Math.round(i * (n - 1) / (double) (spread - 1)));
        }
        int top = -1;
        for (int i = 0; i < n; i++) {
            double v = points.get(i).value();
            if (Double.isFinite(v) && (top < 0 || v > points.get(top).value())) {
                top = i;
            }
        }
        if (top >= 0) {
            picked.add(top);
        }
        return picked.stream().map(points::get).toList();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
