package io.kubemate.app.observe;

import io.kubemate.core.rca.ModelUsage;
import io.kubemate.rag.track.Grounding;
import io.kubemate.rag.track.ModelTracker;
import io.kubemate.rag.track.SummaryKind;
import io.kubemate.rag.track.SummaryRun;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ModelTracker} that also counts every summary in {@code /metrics}: its latency by kind (llm, extractive)
 * and its outcome (grounded, retried, fallback), and ratings by helpfulness. Then it hands everything on.
 */
public final class MeteredModelTracker implements ModelTracker {
    private final ModelTracker tracker;
    private final Histogram latency;
    private final Counter summaries;
    private final Counter feedback;

    public MeteredModelTracker(ModelTracker tracker, PrometheusRegistry registry) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.latency = Histogram.builder()
                .name("kubemate_summary_duration_seconds")
                .help("Time to write a summary (retrieval and model), by kind of the summary shown.")
                .labelNames("kind")
                .classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120)
                .register(registry);
        this.summaries = Counter.builder()
                .name("kubemate_summaries_total")
                .help("Summaries written, by kind and grounding outcome (grounded, retried, fallback).")
                .labelNames("kind", "outcome")
                .register(registry);
        this.feedback = Counter.builder()
                .name("kubemate_summary_feedback_total")
                .help("Ratings of summaries by the people who read them.")
                .labelNames("helpful")
                .register(registry);
        // every series shows up as 0 from the start, so rate() and ratios work before the first summary
        for (SummaryKind kind : SummaryKind.values()) {
            for (Grounding grounding : Grounding.values()) {
                summaries.initLabelValues(lower(kind), lower(grounding));
            }
        }
        feedback.initLabelValues("true");
        feedback.initLabelValues("false");
    }

    @Override
    public void record(SummaryRun run) {
        String kind = lower(run.kind());
        latency.labelValues(kind).observe(run.latencyMs() / 1000.0);
        summaries.labelValues(kind, lower(run.grounding())).inc();
        tracker.record(run);
    }

    @Override
    public void feedback(String incidentId, String summaryId, boolean helpful) {
        tracker.feedback(incidentId, summaryId, helpful);
        feedback.labelValues(Boolean.toString(helpful)).inc();
    }

    @Override
    public List<ModelUsage> models() {
        return tracker.models();
    }

    @Override
    public void close() {
        tracker.close();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
