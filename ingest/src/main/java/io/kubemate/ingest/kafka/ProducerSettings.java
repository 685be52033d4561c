package io.kubemate.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link KafkaEventWriter} reaches Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the cluster
 * @param deliveryTimeout how long one append may take before it fails with {@code UnavailableException} (default 5 s,
 *     at least 100 ms); bounds {@code delivery.timeout.ms}, {@code max.block.ms} and {@code request.timeout.ms}
 * @param extra further producer properties passed through unchanged (SASL, SSL, client.id, ...); they cannot override
 *     the durability settings ({@code acks}, {@code enable.idempotence}) or the timeouts derived from
 *     {@code deliveryTimeout}
 */
public record ProducerSettings(String bootstrapServers, Duration deliveryTimeout, Map<String, String> extra) {
    /** The default {@link #deliveryTimeout()}. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration MIN_DELIVERY_TIMEOUT = Duration.ofMillis(100);

    public ProducerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        deliveryTimeout = deliveryTimeout == null ? DEFAULT_DELIVERY_TIMEOUT : deliveryTimeout;
        if (deliveryTimeout.compareTo(MIN_DELIVERY_TIMEOUT) < 0) {
            throw new IllegalArgumentException("deliveryTimeout must be at least " + MIN_DELIVERY_TIMEOUT.toMillis()
                    + " ms, was " + deliveryTimeout.toMillis() + " ms");
        }
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** Settings with the default delivery timeout and no extra properties. */
    public static ProducerSettings of(String bootstrapServers) {
        return new ProducerSettings(bootstrapServers, DEFAULT_DELIVERY_TIMEOUT, Map.of());
    }

    /** A copy with another delivery timeout. */
    public ProducerSettings withDeliveryTimeout(Duration timeout) {
        return new ProducerSettings(bootstrapServers, timeout, extra);
    }
}
