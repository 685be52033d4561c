package io.kubemate.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} consumer of the incidents topic, positioned at its end before the phase starts. For each
 * pending fingerprint it records the time from the POST's scheduled send to the poll that first returned a snapshot
 * naming it. Snapshots are scanned with Jackson's streaming parser (only {@code fingerprint} fields are read) so the
 * watcher stays cheap next to what it measures.
 */
final class IncidentWatcher implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final LatencySamples latencies = new LatencySamples();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread = new Thread(this::loop, "bench-incident-watcher");
    private volatile long snapshots;
    private volatile long snapshotBytes;
    private volatile Exception failure;

    IncidentWatcher(String bootstrap, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers an alert before its POST is sent. */
    void expect(String fingerprint, long sentNanos) {
        pending.put(fingerprint, sentNanos);
    }

    int pendingCount() {
        return pending.size();
    }

    long snapshots() {
        return snapshots;
    }

    long snapshotBytes() {
        return snapshotBytes;
    }

    /** Waits until no alert is pending, for at most {@code timeout}; true when all were matched. */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline && failure == null) {
            Thread.sleep(20);
        }
        return pending.isEmpty();
    }

    /** Stops the watcher and returns the latencies it recorded. */
    LatencySamples finish() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
        if (failure != null) {
            throw new IllegalStateException("the incident watcher failed: " + failure, failure);
        }
        return latencies;
    }

    private void loop() {
        try {
            while (!stop.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long visible = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.value() != null) {
                        snapshots++;
                        snapshotBytes += record.value().length;
                        match(record.value(), visible);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void match(byte[] snapshot, long visible) throws IOException {
        try (JsonParser parser = JSON.createParser(snapshot)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "fingerprint".equals(parser.currentName())) {
                    if (parser.nextToken() == JsonToken.VALUE_STRING) {
                        Long sent = pending.remove(parser.getText());
                        if (sent != null) {
                            latencies.add(visible - sent);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
