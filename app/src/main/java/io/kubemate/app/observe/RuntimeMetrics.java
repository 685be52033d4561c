package io.kubemate.app.observe;

import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.streams.KubemateStreams;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Gauges read at scrape time from the running parts: the Kafka Streams state and its consumers' lag per input topic,
 * and the incidents the view holds per status. Nothing is sampled in the background; a scrape costs one pass over
 * the streams' metrics map and one over the view's index.
 */
public final class RuntimeMetrics {
    private RuntimeMetrics() {}

    /** Registers the gauges of {@code streams} and of the incident counts {@code incidents} gives. */
    public static void register(
            PrometheusRegistry registry, KubemateStreams streams, Supplier<Map<IncidentStatus, Integer>> incidents) {
        register(registry, streams::state, streams::metrics, incidents);
    }

    /** The same from the streams' state and metrics as functions (for a test, or another runtime). */
    public static void register(
            PrometheusRegistry registry,
            Supplier<KafkaStreams.State> streamsState,
            Supplier<Map<MetricName, ? extends Metric>> streamsMetrics,
            Supplier<Map<IncidentStatus, Integer>> incidents) {
        GaugeWithCallback.builder()
                .name("kubemate_streams_state")
                .help("1 for the Kafka Streams state this instance is in, 0 for the others.")
                .labelNames("state")
                .callback(callback -> {
                    KafkaStreams.State current = streamsState.get();
                    for (KafkaStreams.State state : KafkaStreams.State.values()) {
                        callback.call(state == current ? 1 : 0, state.name().toLowerCase(Locale.ROOT));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("kubemate_streams_lag_records")
                .help(
                        "Records the streams' consumers have yet to read, summed over the assigned partitions of a topic.")
                .labelNames("topic")
                .callback(
                        callback -> lagByTopic(streamsMetrics.get()).forEach((topic, lag) -> callback.call(lag, topic)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("kubemate_incidents")
                .help("Incidents the view holds, by status (open and acknowledged are the active ones).")
                .labelNames("status")
                .callback(callback -> incidents
                        .get()
                        .forEach((status, n) -> callback.call(n, status.name().toLowerCase(Locale.ROOT))))
                .register(registry);
    }

    /**
     * The Kafka producers' record errors (records that failed after the producer's retries) by producer: {@code
     * alerts} (the Alertmanager receiver and actions) and {@code telemetry} (logs, spans, changes).
     */
    public static void registerProducers(
            PrometheusRegistry registry, Map<String, Supplier<Map<MetricName, ? extends Metric>>> producers) {
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("kubemate_kafka_producer_record_errors")
                .help("Records a Kafka producer failed to send after its retries, by producer.")
                .labelNames("producer")
                .callback(callback ->
                        producers.forEach((name, metrics) -> callback.call(recordErrors(metrics.get()), name)))
                .register(registry);
    }

    static double recordErrors(Map<MetricName, ? extends Metric> metrics) {
        double errors = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (entry.getKey().name().equals("record-error-total")
                    && entry.getKey().group().equals("producer-metrics")
                    && entry.getValue().metricValue() instanceof Double value
                    && !value.isNaN()) {
                errors += value;
            }
        }
        return errors;
    }

    /** The Slack send queue's depth: posts, updates and thread replies waiting for their channel's turn. */
    public static void registerSlack(PrometheusRegistry registry, java.util.function.IntSupplier depth) {
        GaugeWithCallback.builder()
                .name("kubemate_slack_queue_depth")
                .help("Slack posts, updates and thread replies waiting in the per-channel send queue.")
                .callback(callback -> callback.call(depth.getAsInt()))
                .register(registry);
    }

    /** The consumers' per-partition {@code records-lag}, summed per topic (partitions not yet fetched are left out). */
    static Map<String, Double> lagByTopic(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> lag = new HashMap<>();
        metrics.forEach((name, metric) -> {
            if (name.name().equals("records-lag")
                    && name.group().equals("consumer-fetch-manager-metrics")
                    && name.tags().containsKey("partition")
                    && metric.metricValue() instanceof Double value
                    && !value.isNaN()) {
                lag.merge(name.tags().get("topic"), value, Double::sum);
            }
        });
        return lag;
    }
}
