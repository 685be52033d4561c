package io.kubemate.streams.view;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentIndex;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loop of {@link KafkaIncidentView}: owns the consumer, which only {@link #wakeup()} touches from outside. */
final class IncidentTopicReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final String topic;
    private final IncidentIndex index;
    private final CountDownLatch closed;
    private final KafkaConsumer<String, Incident> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> catchUpTargets;
    private long nextRefreshNanos;

    IncidentTopicReader(
            Map<String, Object> config,
            String topic,
            Deserializer<String> keys,
            Deserializer<Incident> values,
            IncidentIndex index,
            CountDownLatch closed) {
        this.topic = topic;
        this.index = index;
        this.closed = closed;
        this.consumer = new KafkaConsumer<>(config, keys, values);
    }

    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void run() {
        try (consumer) {
            while (closed.getCount() > 0) {
                step();
            }
        } catch (KafkaException e) {
            LOG.warn("incident view consumer did not close cleanly: {}", e.getMessage());
        }
    }

    private void step() {
        try {
            if (System.nanoTime() - nextRefreshNanos >= 0) {
                refreshAssignment();
            }
            for (ConsumerRecord<String, Incident> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    index.upsert(record.value());
                }
            }
            checkCaughtUp();
        } catch (WakeupException e) {
            // close() asked us to stop; the loop condition ends it
        } catch (RecordDeserializationException e) {
            LOG.warn("skipping unreadable incident at {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        } catch (RuntimeException e) {
            // a background reader must outlive broker outages and surprises alike: log, back off, retry
            LOG.warn("incident view read failed, retrying in {}: {}", RETRY_BACKOFF, e.toString());
            backOff();
        }
    }

    /** Assigns every partition of the topic, new ones from the beginning. */
    private void refreshAssignment() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        nextRefreshNanos = System.nanoTime() + PARTITION_REFRESH.toNanos();
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(assigned);
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
            LOG.info("incident view reads {} partitions of {}", assigned.size(), topic);
        }
        if (catchUpTargets == null && !assigned.isEmpty()) {
            catchUpTargets = new HashMap<>(consumer.endOffsets(assigned, METADATA_TIMEOUT));
        }
    }

    private void checkCaughtUp() {
        if (index.isCaughtUp() || catchUpTargets == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (consumer.position(target.getKey(), METADATA_TIMEOUT) < target.getValue()) {
                return;
            }
        }
        index.setCaughtUp(true);
        LOG.info("incident view caught up: {} incidents", index.size());
    }

    private void backOff() {
        try {
            closed.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }
}
