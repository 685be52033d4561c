package io.kubemate.webhooks.outbound;

import io.kubemate.core.topic.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic, read from the beginning and then followed on a daemon thread (so
 * values written by other instances arrive too), at most {@code capacity} keys kept (least recently used dropped).
 * Values written here ({@link #put}) are seen at once; a value read from the topic replaces the held one only when
 * {@code newer} says so, so the echo of an older write never undoes a newer one.
 */
final class CompactedTable<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTable.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String name;
    private final String topic;
    private final JsonSerde<V> serde;
    private final BiPredicate<V, V> newer;
    private final Map<String, V> values;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param newer {@code (held, read)} whether {@code read} from the topic should replace {@code held}
     */
    CompactedTable(
            String name,
            String bootstrapServers,
            String topic,
            Class<V> type,
            BiPredicate<V, V> newer,
            int capacity,
            Map<String, String> clientProperties) {
        this.name = name;
        this.topic = topic;
        this.serde = new JsonSerde<>(type);
        this.newer = newer;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(clientProperties);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    void start() {
        thread = new Thread(this::run, "kubemate-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the topic was read up to where it ended at start; false on timeout. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    synchronized void put(String key, V value) {
        values.put(key, value);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> owned = consumer) {
            Map<TopicPartition, Long> targets = null;
            while (running) {
                try {
                    if (targets == null) {
                        targets = assign();
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    if (caughtUp.getCount() > 0 && reached(targets)) {
                        caughtUp.countDown();
                    }
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{} read failed, retrying in {}: {}", name, RETRY, e.toString());
                    pause();
                }
            }
        }
    }

    /** Assigns every partition from the beginning; the end offsets to reach, or null when the topic is not there. */
    private Map<TopicPartition, Long> assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            pause();
            return null;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions, Duration.ofSeconds(5));
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        synchronized (this) {
            if (record.value() == null) {
                values.remove(record.key());
                return;
            }
            V read;
            try {
                read = serde.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                LOG.warn("{} skipped an undecodable record at offset {}: {}", name, record.offset(), e.toString());
                return;
            }
            V held = values.get(record.key());
            if (held == null || newer.test(held, read)) {
                values.put(record.key(), read);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
