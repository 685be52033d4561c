package io.kubemate.app.it;

import java.util.Map;

/** The Kafka integration suite against the embedded broker that {@code kubemate run} starts by itself. */
class EmbeddedKafkaIT extends KafkaIntegrationContract {
    @Override
    Map<String, String> kafkaEnvironment() {
        return Map.of();
    }

    @Override
    void stopKafka() throws Exception {
        kubemate.embeddedBroker().orElseThrow().kill();
    }
}
