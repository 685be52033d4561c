package io.kubemate.webhooks.outbound;

import io.kubemate.core.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * How outgoing webhooks run.
 *
 * @param bootstrapServers the Kafka cluster
 * @param incidentsTopic the compacted incident snapshots topic read
 * @param stateTopic compacted: what each route was last told per incident ({@code kubemate.outbound.state})
 * @param deliveriesTopic compacted: the delivery log per incident ({@code kubemate.outbound.deliveries})
 * @param partitions partitions of the two topics when created
 * @param groupId the consumer group of the delivery workers (one per deployment)
 * @param routes where to send; none turns outgoing webhooks off
 * @param publicUrl the URL people reach Kubemate at, for links back; empty for none
 * @param retry attempts and backoff per delivery
 * @param requestTimeout how long one HTTP attempt may take
 * @param parallelism how many deliveries run at once
 * @param clientProperties extra Kafka client properties (SASL/SSL), applied last
 */
public record OutboundSettings(
        String bootstrapServers,
        String incidentsTopic,
        String stateTopic,
        String deliveriesTopic,
        int partitions,
        String groupId,
        List<OutboundRoute> routes,
        Optional<String> publicUrl,
        RetryPolicy retry,
        Duration requestTimeout,
        int parallelism,
        Map<String, String> clientProperties) {

    public static final String STATE_TOPIC = "kubemate.outbound.state";
    public static final String DELIVERIES_TOPIC = "kubemate.outbound.deliveries";

    public OutboundSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(incidentsTopic, "incidentsTopic");
        Objects.requireNonNull(stateTopic, "stateTopic");
        Objects.requireNonNull(deliveriesTopic, "deliveriesTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        routes = routes == null ? List.of() : List.copyOf(routes);
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        if (partitions < 1 || parallelism < 1) {
            throw new IllegalArgumentException("partitions and parallelism must be at least 1");
        }
    }

    /**
     * Defaults for everything but the cluster, the incidents topic, the group, the routes and the public URL (empty
     * for none): the {@code
     * kubemate.outbound.*} topics, the default retry policy, 10 s per request, 4 deliveries at once.
     */
    public static OutboundSettings of(
            String bootstrapServers,
            String incidentsTopic,
            int partitions,
            String groupId,
            List<OutboundRoute> routes,
            String publicUrl,
            Map<String, String> clientProperties) {
        return new OutboundSettings(
                bootstrapServers,
                incidentsTopic,
                STATE_TOPIC,
                DELIVERIES_TOPIC,
                partitions,
                groupId,
                routes,
                publicUrl == null || publicUrl.isBlank() ? Optional.empty() : Optional.of(publicUrl),
                RetryPolicy.defaults(),
                Duration.ofSeconds(10),
                4,
                clientProperties);
    }

    public OutboundSettings withRetry(RetryPolicy policy) {
        return new OutboundSettings(
                bootstrapServers,
                incidentsTopic,
                stateTopic,
                deliveriesTopic,
                partitions,
                groupId,
                routes,
                publicUrl,
                policy,
                requestTimeout,
                parallelism,
                clientProperties);
    }

    public boolean isEnabled() {
        return !routes.isEmpty();
    }

    /** The compacted topics the workers own, for the topic provisioner to create when missing. */
    public List<Topic<?, ?>> topics() {
        return List.of(
                new Topic<>(stateTopic, partitions, true, Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(deliveriesTopic, partitions, true, Serdes.ByteArray(), Serdes.ByteArray()));
    }
}
