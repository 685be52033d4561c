package io.kubemate.ingest.kafka;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.telemetry.ChangeEvent;
import io.kubemate.core.telemetry.LogEntry;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.core.telemetry.TelemetrySink;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The durable writer behind {@link TelemetrySink}: an idempotent producer with {@code acks=all}, like
 * {@link KafkaEventWriter}. A call returns only once every record it sent is acknowledged by the in-sync replicas;
 * otherwise it throws {@link UnavailableException} within about {@link ProducerSettings#deliveryTimeout()} (plus a
 * margin), so the HTTP edge can answer 503 and the sender retries. Thread-safe; close it once, when the process stops.
 *
 * <ul>
 *   <li>log entries go to {@link TelemetryTopics#logs()}, keyed by service
 *   <li>spans go to {@link TelemetryTopics#spans()}, keyed by trace id, so a trace's spans share a partition
 *   <li>change events go to {@link TelemetryTopics#changes()}, keyed by service
 * </ul>
 *
 * Values are JSON ({@link JsonSerde}); record timestamps are the append time (the event's own time is in the value),
 * so retention and "read from a while ago" work on when Kubemate received it, whatever clock the sender had.
 */
public final class KafkaTelemetryWriter implements TelemetrySink, AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final TelemetryTopics topics;
    private final Duration deliveryTimeout;
    private final JsonSerde<LogEntry> logs = new JsonSerde<>(LogEntry.class);
    private final JsonSerde<SpanRecord> spans = new JsonSerde<>(SpanRecord.class);
    private final JsonSerde<ChangeEvent> changes = new JsonSerde<>(ChangeEvent.class);

    /** Connects lazily: construction does not need a reachable broker. */
    public KafkaTelemetryWriter(ProducerSettings settings, TelemetryTopics topics) {
        this(
                new KafkaProducer<>(
                        ProducerConfigs.producer(settings), new ByteArraySerializer(), new ByteArraySerializer()),
                topics,
                settings.deliveryTimeout());
    }

    /** For tests: any producer (e.g. Kafka's {@code MockProducer}). */
    KafkaTelemetryWriter(Producer<byte[], byte[]> producer, TelemetryTopics topics, Duration deliveryTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.deliveryTimeout = Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    }

    @Override
    public void appendLogs(List<LogEntry> entries) {
        append(topics.logs(), entries, LogEntry::service, logs, "log entr(y/ies)");
    }

    @Override
    public void appendSpans(List<SpanRecord> records) {
        append(topics.spans(), records, SpanRecord::traceId, spans, "span(s)");
    }

    @Override
    public void appendChanges(List<ChangeEvent> events) {
        append(topics.changes(), events, ChangeEvent::service, changes, "change event(s)");
    }

    private <V> void append(String topic, List<V> values, Function<V, String> key, JsonSerde<V> serde, String what) {
        if (values.isEmpty()) {
            return;
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        for (V value : values) {
            records.add(new ProducerRecord<>(
                    topic, key.apply(value).getBytes(StandardCharsets.UTF_8), encode(serde, topic, value)));
        }
        AcknowledgedSends.sendAndAwait(producer, records, values.size() + " " + what, deliveryTimeout);
    }

    private static <V> byte[] encode(JsonSerde<V> serde, String topic, V value) {
        try {
            return serde.serialize(topic, value);
        } catch (KafkaException e) {
            // a record we cannot encode is a bug, not an outage; still nothing of the request has been sent
            throw new IllegalStateException("cannot encode a record for " + topic, e);
        }
    }

    /** Flushes what is in flight for up to the delivery timeout, then releases the producer. */
    @Override
    public void close() {
        producer.close(deliveryTimeout);
    }

    /** The producer's own metrics (record errors, retries, latency), for {@code /metrics}. */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics() {
        return producer.metrics();
    }
}
