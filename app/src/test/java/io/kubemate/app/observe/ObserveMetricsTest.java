package io.kubemate.app.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.topic.TopicSettings;
import io.kubemate.rag.track.Grounding;
import io.kubemate.rag.track.LocalModelTracker;
import io.kubemate.rag.track.SummaryKind;
import io.kubemate.rag.track.SummaryRun;
import io.kubemate.streams.CorrelationSettings;
import io.kubemate.streams.KubemateStreams;
import io.kubemate.streams.StreamsSettings;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserveMetricsTest {
    @TempDir
    Path dir;

    @Test
    void lagIsSummedPerTopicOverItsPartitionsOnly() {
        // given
        Map<MetricName, Metric> metrics = Map.of(
                name("records-lag", "consumer-fetch-manager-metrics", Map.of("topic", "a", "partition", "0")), value(3),
                name("records-lag", "consumer-fetch-manager-metrics", Map.of("topic", "a", "partition", "1")), value(4),
                name("records-lag", "consumer-fetch-manager-metrics", Map.of("topic", "b", "partition", "0")),
                        value(Double.NaN),
                name("records-lag-max", "consumer-fetch-manager-metrics", Map.of("topic", "a")), value(99),
                name("records-lag", "other-group", Map.of("topic", "c", "partition", "0")), value(5));

        // when
        Map<String, Double> lag = RuntimeMetrics.lagByTopic(metrics);

        // then
        assertThat(lag).containsExactlyEntriesOf(Map.of("a", 7.0));
    }

    @Test
    void streamsStateAndIncidentCountsAreExposed() throws Exception {
        // given
        PrometheusRegistry registry = new PrometheusRegistry();
        Map<IncidentStatus, Integer> counts = new EnumMap<>(IncidentStatus.class);
        counts.put(IncidentStatus.OPEN, 4);
        counts.put(IncidentStatus.RESOLVED, 2);
        try (KubemateStreams streams = new KubemateStreams(
                StreamsSettings.defaults("localhost:1", dir),
                TopicSettings.defaults(),
                CorrelationSettings.defaults())) {
            RuntimeMetrics.register(registry, streams, () -> counts);

            // when
            String text = scrape(registry);

            // then
            assertThat(text)
                    .contains("kubemate_streams_state{state=\"created\"} 1.0")
                    .contains("kubemate_streams_state{state=\"running\"} 0.0")
                    .contains("kubemate_incidents{status=\"open\"} 4.0")
                    .contains("kubemate_incidents{status=\"resolved\"} 2.0");
        }
    }

    @Test
    void producerRecordErrorsAreCountedPerProducer() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        Map<MetricName, Metric> alerts = Map.of(
                name("record-error-total", "producer-metrics", Map.of("client-id", "p1")), value(3),
                name("record-retry-total", "producer-metrics", Map.of("client-id", "p1")), value(40));
        RuntimeMetrics.registerProducers(registry, Map.of("alerts", () -> alerts, "telemetry", Map::of));

        assertThat(scrape(registry))
                .contains("kubemate_kafka_producer_record_errors_total{producer=\"alerts\"} 3.0")
                .contains("kubemate_kafka_producer_record_errors_total{producer=\"telemetry\"} 0.0");
    }

    @Test
    void theSlackQueueDepthIsReadAtScrapeTime() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        java.util.concurrent.atomic.AtomicInteger depth = new java.util.concurrent.atomic.AtomicInteger(3);
        RuntimeMetrics.registerSlack(registry, depth::get);

        assertThat(scrape(registry)).contains("kubemate_slack_queue_depth 3.0");
        depth.set(0);
        assertThat(scrape(registry)).contains("kubemate_slack_queue_depth 0.0");
    }

    @Test
    void summariesAndFeedbackAreCountedAndHandedOn() throws Exception {
        // given
        PrometheusRegistry registry = new PrometheusRegistry();
        try (MeteredModelTracker tracker = new MeteredModelTracker(new LocalModelTracker(dir), registry)) {
            // when
            tracker.record(run("s1", SummaryKind.LLM, Grounding.RETRIED, 1500));
            tracker.record(run("s2", SummaryKind.EXTRACTIVE, Grounding.FALLBACK, 20));
            tracker.feedback("inc-1", "s1", true);

            // then
            String text = scrape(registry);
            assertThat(text)
                    .contains("kubemate_summaries_total{kind=\"llm\",outcome=\"retried\"} 1.0")
                    .contains("kubemate_summaries_total{kind=\"extractive\",outcome=\"fallback\"} 1.0")
                    .contains("kubemate_summary_duration_seconds_bucket{kind=\"llm\",le=\"2.5\"} 1")
                    .contains("kubemate_summary_duration_seconds_bucket{kind=\"llm\",le=\"1.0\"} 0")
                    .contains("kubemate_summary_feedback_total{helpful=\"true\"} 1.0");
            assertThat(tracker.models()).isNotEmpty();
        }
    }

    private static SummaryRun run(String summaryId, SummaryKind kind, Grounding grounding, long latencyMs) {
        return new SummaryRun(
                "inc-1",
                summaryId,
                kind == SummaryKind.LLM ? "llama3.2:1b" : "extractive",
                "",
                "p1",
                "all-minilm-l6-v2-q",
                List.of(0.7),
                latencyMs,
                100,
                20,
                grounding,
                "",
                kind,
                Instant.parse("2026-11-26T04:00:00Z"));
    }

    private static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MetricName name(String name, String group, Map<String, String> tags) {
        return new MetricName(name, group, "", tags);
    }

    private static Metric value(double v) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return v;
            }
        };
    }
}
