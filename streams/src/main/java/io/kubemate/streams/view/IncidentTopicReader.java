package io.kubemate.streams.view;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.core.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loop of {@link KafkaIncidentView}: owns the consumer, which only {@link #wakeup()} touches from outside. */
final class IncidentTopicReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final Topic<String, Incident> incidents;
    private final Topic<String, IncidentAlert> members;
    private final IncidentIndex index;
    private final CountDownLatch closed;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> catchUpTargets;
    private long nextRefreshNanos;

    IncidentTopicReader(
            Map<String, Object> config,
            Topic<String, Incident> incidents,
            Topic<String, IncidentAlert> members,
            IncidentIndex index,
            CountDownLatch closed) {
        this.incidents = incidents;
        this.members = members;
        this.index = index;
        this.closed = closed;
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
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
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(record);
            }
            checkCaughtUp();
        } catch (WakeupException e) {
            // close() asked us to stop; the loop condition ends it
        } catch (RuntimeException e) {
            // a background reader must outlive broker outages and surprises alike: log, back off, retry
            LOG.warn("incident view read failed, retrying in {}: {}", RETRY_BACKOFF, e.toString());
            backOff();
        }
    }

    /** Applies one record of either topic to the index; an unreadable one is logged and skipped. */
    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // a member that moved to another incident (merge, split); snapshots are never deleted
            if (!record.topic().equals(incidents.name())) {
                IncidentId.ofMemberKey(record.key())
                        .ifPresent(id -> index.removeMember(
                                id, record.key().substring(id.value().length() + 1)));
            }
            return;
        }
        try {
            if (record.topic().equals(incidents.name())) {
                index.upsert(incidents.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else {
                Optional<IncidentId> id = IncidentId.ofMemberKey(record.key());
                if (id.isEmpty()) {
                    LOG.warn(
                            "skipping member alert with key '{}' at {}-{}@{}",
                            record.key(),
                            record.topic(),
                            record.partition(),
                            record.offset());
                    return;
                }
                index.upsertMember(
                        id.get(), members.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (SerializationException e) {
            LOG.warn(
                    "skipping unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    /** Assigns every partition of both topics, new ones from the beginning. */
    private void refreshAssignment() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(incidents.name(), members.name())) {
            consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .forEach(partitions::add);
        }
        nextRefreshNanos = System.nanoTime() + PARTITION_REFRESH.toNanos();
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(assigned);
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
            LOG.info(
                    "incident view reads {} partitions of {} and {}",
                    assigned.size(),
                    incidents.name(),
                    members.name());
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
