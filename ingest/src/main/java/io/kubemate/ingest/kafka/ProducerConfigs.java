package io.kubemate.ingest.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Derives the producer and admin client properties from {@link ProducerSettings}. */
final class ProducerConfigs {
    static final int LINGER_MS = 5;
    static final int BATCH_BYTES = 64 * 1024;

    private ProducerConfigs() {}

    /**
     * Idempotent, {@code acks=all}, and bounded so that a dead broker fails an append within about the delivery
     * timeout: {@code max.block.ms} (metadata, full buffer) and {@code delivery.timeout.ms} both equal it, and
     * {@code request.timeout.ms} leaves room for linger inside it (Kafka requires delivery >= linger + request).
     */
    static Map<String, Object> producer(ProducerSettings settings) {
        long deliveryMs = settings.deliveryTimeout().toMillis();
        Map<String, Object> props = new HashMap<>(settings.extra());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeoutMs(deliveryMs));
        return props;
    }

    /** Properties of the admin client used only for the reachability probe. */
    static Map<String, Object> admin(ProducerSettings settings) {
        long deliveryMs = settings.deliveryTimeout().toMillis();
        Map<String, Object> props = new HashMap<>();
        // security settings apply to every client of the cluster; producer-only keys would only cause warnings
        settings.extra().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeoutMs(deliveryMs));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        return props;
    }

    static long requestTimeoutMs(long deliveryMs) {
        return Math.max(50, deliveryMs - LINGER_MS - Math.min(1000, deliveryMs / 4));
    }
}
