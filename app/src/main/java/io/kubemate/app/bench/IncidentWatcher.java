package io.kubemate.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} consumer of the incidents topic and the incident members topic, positioned at their ends
 * before the phase starts. For each pending fingerprint it records the time from the POST's scheduled send to the
 * poll that first returned a record naming it: a member record keyed {@code <incident id>/<fingerprint>}, or a
 * snapshot that names it (older layout with members inside, or a timeline entry). Snapshots are scanned with Jackson's streaming parser (only {@code fingerprint} fields are read) so the
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

    /**
     * Watches {@code topics} (those that exist): the incident snapshots and, when the streams publish members
     * separately, the member alerts keyed {@code <incident id>/<fingerprint>}.
     */
    IncidentWatcher(String bootstrap, List<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
        List<TopicPartition> partitions = topics.stream()
                .filter(existing::containsKey)
                .flatMap(topic -> existing.get(topic).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
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
                        matchKey(record.key(), visible);
                        match(record.value(), visible);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** A member record's key ends with its fingerprint. */
    private void matchKey(byte[] key, long visible) {
        if (key != null && key.length > 17 && key[key.length - 17] == '/') {
            found(new String(key, key.length - 16, 16, StandardCharsets.US_ASCII), visible);
        }
    }

    private void found(String fingerprint, long visible) {
        Long sent = pending.remove(fingerprint);
        if (sent != null) {
            latencies.add(visible - sent);
        }
    }

    private void match(byte[] snapshot, long visible) throws IOException {
        try (JsonParser parser = JSON.createParser(snapshot)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "fingerprint".equals(parser.currentName())) {
                    if (parser.nextToken() == JsonToken.VALUE_STRING) {
                        found(parser.getText(), visible);
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
