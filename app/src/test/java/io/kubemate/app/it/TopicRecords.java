package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.topic.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic of a running broker from its start, without a consumer group, for assertions on what arrived. */
final class TopicRecords {
    private final String bootstrapServers;

    TopicRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Waits up to {@code timeout} until {@code count} JSON records of {@code topic} match, reading it from the start on
     * every attempt; fails when there are fewer, or more.
     */
    <T> List<T> await(String topic, Class<T> type, Predicate<T> match, int count, Duration timeout) throws Exception {
        JsonSerde<T> serde = new JsonSerde<>(type);
        List<T> found = new ArrayList<>();
        Await.until(count + " matching record(s) on " + topic, timeout, () -> {
            found.clear();
            readAll(topic).stream()
                    .map(record -> serde.deserializer().deserialize(topic, record.value()))
                    .filter(match)
                    .forEach(found::add);
            return found.size() >= count;
        });
        assertThat(found).hasSize(count);
        return List.copyOf(found);
    }

    /**
     * Every committed record of {@code topic} up to its end offsets when called (gives up reading after 20 s); records
     * of aborted or still open transactions are not read.
     */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers, "isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
