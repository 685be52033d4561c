package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.topic.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes assembled evidence to the compacted evidence topic, keyed by incident id, with an idempotent producer,
 * and then hands it to {@code local} (the instance's own view), so the API shows it at once. A publication that is
 * not acknowledged within ten seconds throws; the assembler retries on its next pass.
 */
public final class KafkaEvidencePublisher implements Consumer<IncidentEvidence>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEvidencePublisher.class);
    private static final long ACK_TIMEOUT_SECONDS = 10;

    private final String topic;
    private final KafkaProducer<String, IncidentEvidence> producer;
    private final Consumer<IncidentEvidence> local;

    public KafkaEvidencePublisher(
            String bootstrapServers,
            String topic,
            Map<String, String> clientProperties,
            Consumer<IncidentEvidence> local) {
        this.topic = topic;
        this.local = local;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kubemate-evidence");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putAll(clientProperties == null ? Map.of() : clientProperties);
        this.producer = new KafkaProducer<>(
                config, new StringSerializer(), new JsonSerde<>(IncidentEvidence.class).serializer());
    }

    @Override
    public void accept(IncidentEvidence evidence) {
        try {
            producer.send(new ProducerRecord<>(topic, evidence.incidentId(), evidence))
                    .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing evidence", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("evidence of " + evidence.incidentId() + " was not acknowledged", e);
        }
        LOG.debug("published evidence v{} of {}", evidence.version(), evidence.incidentId());
        local.accept(evidence);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
