package io.kubemate.streams.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of some topics on one daemon thread with a plain consumer (no group, {@code
 * read_committed}) and hands each record to a handler on that thread. Starts from the beginning, or from {@code
 * lookback} before now (for bounded buffers of recent telemetry). Topics that do not exist yet, and partitions added
 * later, are picked up on the next refresh. Errors are logged and retried; the thread ends only on {@link #close()}.
 * A handler exception skips that record with a warning.
 */
public final class TopicFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(15);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<String> topics;
    private final Duration lookback;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final boolean tombstones;
    private final Map<String, Object> config;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> catchUpTargets;
    private long nextRefreshNanos;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param name the thread and client id suffix
     * @param bootstrapServers the cluster
     * @param topics the topics to follow (blank names are ignored)
     * @param lookback {@code null} to read from the beginning, otherwise how far back from now to start
     * @param handler receives every record with a value, on the follower's thread
     * @param clientProperties extra consumer properties (SASL/SSL), applied last
     */
    public TopicFollower(
            String name,
            String bootstrapServers,
            List<String> topics,
            Duration lookback,
            Consumer<ConsumerRecord<String, byte[]>> handler,
            Map<String, String> clientProperties) {
        this(name, bootstrapServers, topics, lookback, handler, clientProperties, false);
    }

    /**
     * As {@link #TopicFollower(String, String, List, Duration, Consumer, Map)}; with {@code tombstones}, records
     * without a value (deletes on a compacted topic) reach the handler too.
     */
    public TopicFollower(
            String name,
            String bootstrapServers,
            List<String> topics,
            Duration lookback,
            Consumer<ConsumerRecord<String, byte[]>> handler,
            Map<String, String> clientProperties,
            boolean tombstones) {
        this.name = Objects.requireNonNull(name, "name");
        this.tombstones = tombstones;
        this.topics = topics.stream()
                .filter(t -> t != null && !t.isBlank())
                .distinct()
                .toList();
        this.lookback = lookback;
        this.handler = Objects.requireNonNull(handler, "handler");
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers));
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-" + name);
        settings.putAll(clientProperties == null ? Map.of() : clientProperties);
        this.config = Map.copyOf(settings);
    }

    /** Starts following in a background thread; at most once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "kubemate-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether it has read up to the end offsets it found when it first saw its partitions. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> owned = consumer) {
            while (closed.getCount() > 0) {
                step();
            }
        } catch (KafkaException e) {
            LOG.warn("{} consumer did not close cleanly: {}", name, e.getMessage());
        }
    }

    private void step() {
        try {
            if (System.nanoTime() - nextRefreshNanos >= 0) {
                refreshAssignment();
            }
            if (assigned.isEmpty()) {
                backOff();
                return;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.value() == null && !tombstones) {
                    continue;
                }
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "{} skipped a record at {}-{}@{}: {}",
                            name,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            e.toString());
                }
            }
            checkCaughtUp();
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.warn("{} read failed, retrying in {}: {}", name, RETRY_BACKOFF, e.toString());
            backOff();
        }
    }

    private void refreshAssignment() {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> known = consumer.listTopics(METADATA_TIMEOUT);
        for (String topic : topics) {
            known.getOrDefault(topic, List.of()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .forEach(partitions::add);
        }
        nextRefreshNanos = System.nanoTime() + PARTITION_REFRESH.toNanos();
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            if (catchUpTargets == null && assigned.isEmpty()) {
                caughtUp = true; // nothing to read yet
            }
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        if (lookback == null) {
            consumer.seekToBeginning(added);
        } else {
            long from = System.currentTimeMillis() - lookback.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            added.forEach(partition -> query.put(partition, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, METADATA_TIMEOUT);
            for (TopicPartition partition : added) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        }
        LOG.info("{} follows {} partitions of {}", name, assigned.size(), topics);
        if (catchUpTargets == null) {
            catchUpTargets = new HashMap<>(consumer.endOffsets(assigned, METADATA_TIMEOUT));
        }
    }

    private void checkCaughtUp() {
        if (caughtUp || catchUpTargets == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (consumer.position(target.getKey(), METADATA_TIMEOUT) < target.getValue()) {
                return;
            }
        }
        caughtUp = true;
        LOG.info("{} caught up", name);
    }

    private void backOff() {
        try {
            closed.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    /** Stops the thread and closes the consumer, waiting up to ten seconds. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed.countDown();
            running = thread;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (running == null) {
            return;
        }
        try {
            running.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
