package io.kubemate.ingest.kafka;

import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.topic.Topic;
import io.kubemate.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The durable writer behind {@link AlertSink} and {@link IncidentSink}: one shared idempotent producer with
 * {@code acks=all}. A call returns only once every record it sent is acknowledged by the in-sync replicas; otherwise
 * it throws {@link UnavailableException} within about {@link ProducerSettings#deliveryTimeout()} (plus a margin), so
 * the HTTP edge can answer 503 and the sender retries. Thread-safe; close it once, when the process stops.
 *
 * <ul>
 *   <li>alerts go to {@link Topics#alertsRaw()}, keyed by fingerprint, with the record timestamp = {@code receivedAt}
 *   <li>actions go to {@link Topics#actions()}, keyed by incident id, timestamp = {@code requestedAt}
 * </ul>
 */
public final class KafkaEventWriter implements AlertSink, IncidentSink, AutoCloseable {
    /** What callers are told to wait before retrying after a failed append. */
    static final Duration RETRY_AFTER = AcknowledgedSends.RETRY_AFTER;

    private final Producer<byte[], byte[]> producer;
    private final Supplier<Admin> adminFactory;
    private Admin admin;
    private final Topics topics;
    private final Duration deliveryTimeout;

    /** Connects lazily: construction does not need a reachable broker. */
    public KafkaEventWriter(ProducerSettings settings, Topics topics) {
        this(
                new KafkaProducer<>(
                        ProducerConfigs.producer(settings), new ByteArraySerializer(), new ByteArraySerializer()),
                () -> Admin.create(ProducerConfigs.admin(settings)),
                topics,
                settings.deliveryTimeout());
    }

    /**
     * For tests: any producer (e.g. Kafka's {@code MockProducer}); {@code adminFactory} may be {@code null}, then the
     * cluster never counts as reachable.
     */
    KafkaEventWriter(
            Producer<byte[], byte[]> producer, Supplier<Admin> adminFactory, Topics topics, Duration deliveryTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.adminFactory = adminFactory;
        this.topics = Objects.requireNonNull(topics, "topics");
        this.deliveryTimeout = Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    }

    @Override
    public void appendAll(List<RawAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(alerts.size());
        for (RawAlert alert : alerts) {
            records.add(record(
                    topics.alertsRaw(),
                    alert.fingerprint(),
                    alert,
                    alert.receivedAt().toEpochMilli()));
        }
        sendAndAwait(records, alerts.size() + " alert(s)");
    }

    @Override
    public void submit(IncidentAction action) {
        String key = action.incidentId().value();
        sendAndAwait(
                List.of(record(
                        topics.actions(), key, action, action.requestedAt().toEpochMilli())),
                "action " + action.kind().name().toLowerCase(java.util.Locale.ROOT) + " on " + key);
    }

    /**
     * Whether the cluster answers a metadata request within {@code timeout}: for readiness probes. Never throws.
     */
    public boolean isReachable(Duration timeout) {
        try {
            Admin probe = admin();
            if (probe == null) {
                return false;
            }
            var options = new DescribeClusterOptions().timeoutMs((int) Math.max(1, timeout.toMillis()));
            return !probe.describeCluster(options)
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        }
    }

    /** Flushes what is in flight for up to the delivery timeout, then releases the clients. */
    @Override
    public void close() {
        producer.close(deliveryTimeout);
        synchronized (this) {
            if (admin != null) {
                admin.close(deliveryTimeout);
            }
        }
    }

    /** The admin client of the readiness probe, created on first use so that writers that never probe need none. */
    private synchronized Admin admin() {
        if (admin == null && adminFactory != null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    private <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value, long timestamp) {
        try {
            byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
            byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
            return new ProducerRecord<>(topic.name(), null, timestamp, keyBytes, valueBytes);
        } catch (KafkaException e) {
            // a record we cannot encode is a bug, not an outage; still nothing of the request has been sent
            throw new IllegalStateException("cannot encode a record for " + topic.name(), e);
        }
    }

    private void sendAndAwait(List<ProducerRecord<byte[], byte[]>> records, String what) {
        AcknowledgedSends.sendAndAwait(producer, records, what, deliveryTimeout);
    }

    /** The producer's own metrics (record errors, retries, latency), for {@code /metrics}. */
    public java.util.Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics() {
        return producer.metrics();
    }
}
