package io.kubemate.webhooks.outbound;

import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.topic.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound workers' memory in Kafka: the delivery state per route and incident and the delivery log per incident,
 * each a compacted topic followed into a bounded in-memory table. A state write waits for Kafka's acknowledgement; log
 * writes are sent as they happen and {@link #flush() flushed} before offsets are committed.
 */
final class OutboundStore implements DeliveryLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundStore.class);
    /** Routes x incidents whose state is held in memory; older ones are read back from nowhere (see ADR 0010). */
    private static final int STATE_CAPACITY = 200_000;
    /** Incidents whose delivery log is held in memory. */
    private static final int LOG_CAPACITY = 20_000;

    private final OutboundSettings settings;
    private final CompactedTable<DeliveredState> state;
    private final CompactedTable<IncidentDeliveries> log;
    private final JsonSerde<DeliveredState> stateSerde = new JsonSerde<>(DeliveredState.class);
    private final JsonSerde<IncidentDeliveries> logSerde = new JsonSerde<>(IncidentDeliveries.class);
    private final KafkaProducer<String, byte[]> producer;

    OutboundStore(OutboundSettings settings) {
        this.settings = settings;
        this.state = new CompactedTable<>(
                "outbound-state",
                settings.bootstrapServers(),
                settings.stateTopic(),
                DeliveredState.class,
                (held, read) -> read.version() > held.version(),
                STATE_CAPACITY,
                settings.clientProperties());
        this.log = new CompactedTable<>(
                "outbound-deliveries",
                settings.bootstrapServers(),
                settings.deliveriesTopic(),
                IncidentDeliveries.class,
                (held, read) -> read.sequence() > held.sequence(),
                LOG_CAPACITY,
                settings.clientProperties());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kubemate-outbound");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(settings.clientProperties());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    void start() {
        state.start();
        log.start();
    }

    /** Waits until both tables have read their topics to the end; false on timeout. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return state.awaitCaughtUp(timeout) && log.awaitCaughtUp(timeout);
    }

    Optional<DeliveredState> state(String route, String incidentId) {
        return state.get(DeliveredState.key(route, incidentId));
    }

    /** Remembers what {@code settled.route()} was told, once Kafka acknowledged it. */
    void settle(DeliveredState settled) {
        try {
            producer.send(new ProducerRecord<>(
                            settings.stateTopic(), settled.key(), stateSerde.serialize(null, settled)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted writing the delivery state", Duration.ZERO, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnavailableException("the delivery state was not acknowledged", Duration.ofSeconds(5), e);
        }
        state.put(settled.key(), settled);
    }

    /** Appends an attempt to its incident's log. */
    void record(String incidentId, DeliveryAttempt attempt) {
        IncidentDeliveries next;
        synchronized (this) {
            next = log.get(incidentId)
                    .orElse(IncidentDeliveries.empty(incidentId))
                    .with(attempt);
            log.put(incidentId, next);
        }
        producer.send(
                new ProducerRecord<>(settings.deliveriesTopic(), incidentId, logSerde.serialize(null, next)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("delivery log of {} not written: {}", incidentId, error.toString());
                    }
                });
    }

    /** Waits for every log write sent so far. */
    void flush() {
        producer.flush();
    }

    @Override
    public List<DeliveryAttempt> attempts(String incidentId) {
        return log.get(incidentId).map(IncidentDeliveries::attempts).orElse(List.of());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        log.close();
        state.close();
    }
}
