package io.kubemate.rag.worker;

import io.kubemate.core.rca.RcaTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the summary workers run.
 *
 * @param bootstrapServers the Kafka cluster
 * @param topics the requests and results topics
 * @param groupId the consumer group the workers share (one per deployment)
 * @param workers how many workers (consumers) run in this process; a request is answered by exactly one
 * @param incidentWait how long a worker waits for the incident view to hold a requested incident before giving up on
 *     the request
 * @param timeout how long a result may take to be acknowledged by Kafka
 * @param clientProperties extra client properties (SASL/SSL), applied last
 */
public record RcaWorkerSettings(
        String bootstrapServers,
        RcaTopics topics,
        String groupId,
        int workers,
        Duration incidentWait,
        Duration timeout,
        Map<String, String> clientProperties) {

    public RcaWorkerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        Objects.requireNonNull(incidentWait, "incidentWait");
        Objects.requireNonNull(timeout, "timeout");
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }
}
