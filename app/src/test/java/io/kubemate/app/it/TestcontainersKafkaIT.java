package io.kubemate.app.it;

import java.util.Map;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same Kafka integration suite against a Kafka broker in a container. Runs where a Docker engine exists and is
 * skipped cleanly where none does (the embedded broker proves the suite there).
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT extends KafkaIntegrationContract {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    Map<String, String> kafkaEnvironment() {
        return Map.of("KUBEMATE_KAFKA_BOOTSTRAP", KAFKA.getBootstrapServers(), "KUBEMATE_TOPIC_REPLICATION", "1");
    }

    @Override
    void stopKafka() {
        KAFKA.stop();
    }
}
