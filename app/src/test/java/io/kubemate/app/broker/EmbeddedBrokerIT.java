package io.kubemate.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void keepsRecordsAcrossARestartAndAKill() throws Exception {
        EmbeddedBroker.Settings settings = new EmbeddedBroker.Settings(dir, 0, "256m", Duration.ofSeconds(60));
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings, line -> {})) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1)))
                        .all()
                        .get();
            }
            produce(broker.bootstrapServers(), 100);
        }

        EmbeddedBroker second = EmbeddedBroker.start(settings, line -> {});
        assertThat(consumeAll(second.bootstrapServers())).hasSize(100);
        produce(second.bootstrapServers(), 50);
        second.kill();
        assertThat(second.isAlive()).isFalse();

        try (EmbeddedBroker third = EmbeddedBroker.start(settings, line -> {})) {
            assertThat(consumeAll(third.bootstrapServers())).hasSize(150);
        }
    }

    @Test
    void brokerProcessEndsWhenItsParentsPipeCloses() throws Exception {
        EmbeddedBroker.Settings settings = new EmbeddedBroker.Settings(dir, 0, "256m", Duration.ofSeconds(60));
        EmbeddedBroker broker = EmbeddedBroker.start(settings, line -> {});
        ProcessHandle child = ProcessHandle.of(broker.pid()).orElseThrow();

        // closing our end of its stdin is what the kernel does when this JVM dies
        broker.closeStdinForTest();

        child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }

    private static void produce(String bootstrap, int count) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
            }
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 0);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
