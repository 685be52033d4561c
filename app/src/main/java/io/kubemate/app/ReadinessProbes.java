package io.kubemate.app;

import io.kubemate.ingest.kafka.KafkaEventWriter;
import io.kubemate.streams.KubemateStreams;
import io.kubemate.webhooks.health.ReadinessCheck;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/** The readiness checks behind {@code /readyz}: Kafka answers, and the streams are running. */
final class ReadinessProbes {
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final long KAFKA_CHECK_CACHE_NANOS = Duration.ofSeconds(2).toNanos();

    private final KafkaEventWriter writer;
    private final KubemateStreams streams;
    private volatile long kafkaCheckedAt;
    private volatile boolean kafkaReachable;

    ReadinessProbes(KafkaEventWriter writer, KubemateStreams streams) {
        this.writer = writer;
        this.streams = streams;
    }

    ReadinessCheck kafka() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public boolean isReady() {
                return isKafkaReachable();
            }
        };
    }

    ReadinessCheck streams() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "streams";
            }

            @Override
            public boolean isReady() {
                return streams.state() == KafkaStreams.State.RUNNING;
            }
        };
    }

    /** Asks Kafka at most every two seconds, so probes cannot load the cluster. */
    private boolean isKafkaReachable() {
        long now = System.nanoTime();
        if (kafkaCheckedAt == 0 || now - kafkaCheckedAt > KAFKA_CHECK_CACHE_NANOS) {
            kafkaReachable = writer.isReachable(KAFKA_CHECK_TIMEOUT);
            kafkaCheckedAt = System.nanoTime();
        }
        return kafkaReachable;
    }
}
