package io.kubemate.ingest.pull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One series of a Prometheus range query.
 *
 * @param labels its labels
 * @param points its samples, oldest first
 */
record MetricSeries(Map<String, String> labels, List<Point> points) {
    MetricSeries {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    /** One sample; {@code value} may be NaN or infinite, as Prometheus allows. */
    record Point(Instant time, double value) {
        Point {
            Objects.requireNonNull(time, "time");
        }
    }
}
