package io.kubemate.slack;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.topic.JsonSerde;
import io.kubemate.slack.send.SendQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack notifier: two threads beside the streams. One is a consumer of the compacted incidents topic in its own
 * group (so replicas share the partitions and each incident has one notifier); it never commits: after a start or a
 * rebalance it reads its partitions from the beginning, and the message refs tell what Slack already shows, so only
 * what changed is sent. It hands renderings to the {@link SendQueue} and re-renders tracked incidents every refresh
 * interval (evidence and summaries arrive without a new snapshot). The other thread sends the queue's due calls.
 * Neither ever runs on a stream thread.
 */
final class SlackNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FORGET_RESOLVED = Duration.ofHours(1);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(60);

    private final SlackSettings settings;
    private final IncidentMessenger messenger;
    private final SendQueue queue;
    private final Clock clock;
    private final BooleanSupplier viewCaughtUp;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The partition of each incident seen (reader thread only). */
    private final Map<String, Integer> partitionOf = new HashMap<>();

    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;
    private Thread sender;

    SlackNotifier(
            SlackSettings settings,
            IncidentMessenger messenger,
            SendQueue queue,
            BooleanSupplier viewCaughtUp,
            Clock clock) {
        this.settings = settings;
        this.viewCaughtUp = viewCaughtUp;
        this.messenger = messenger;
        this.queue = queue;
        this.clock = clock;
    }

    synchronized SlackNotifier start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-slack");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        reader = new Thread(this::read, "kubemate-slack-reader");
        reader.setDaemon(true);
        sender = new Thread(this::send, "kubemate-slack-sender");
        sender.setDaemon(true);
        reader.start();
        sender.start();
        return this;
    }

    private void read() {
        JsonSerde<Incident> serde = new JsonSerde<>(Incident.class);
        Instant nextRefresh = clock.instant().plus(settings.refreshInterval());
        try {
            awaitView();
            consumer.subscribe(List.of(settings.incidentsTopic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // another instance reads these from the beginning now: stop refreshing their incidents here
                    Set<Integer> gone = new HashSet<>();
                    partitions.forEach(p -> gone.add(p.partition()));
                    partitionOf.entrySet().removeIf(e -> {
                        if (gone.contains(e.getValue())) {
                            messenger.forget(e.getKey());
                            return true;
                        }
                        return false;
                    });
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
            });
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Incident incident = decode(serde, record);
                    if (incident != null) {
                        if (incident.status().isActive()) {
                            partitionOf.put(incident.id().value(), record.partition());
                        } else {
                            partitionOf.remove(incident.id().value());
                        }
                        messenger.changed(incident);
                    }
                }
                if (!clock.instant().isBefore(nextRefresh)) {
                    messenger.refresh(clock.instant().minus(FORGET_RESOLVED));
                    nextRefresh = clock.instant().plus(settings.refreshInterval());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Slack notifier woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Slack notifier stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits (at most {@link #VIEW_WAIT}) for the incident view to catch up, so the first renderings after a start
     * carry the member alerts and do not update every message twice.
     */
    private void awaitView() {
        Instant deadline = clock.instant().plus(VIEW_WAIT);
        while (running.get() && !viewCaughtUp.getAsBoolean() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(100); // polling an in-memory flag, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Incident decode(JsonSerde<Incident> serde, ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : serde.deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Slack notifier skips an undecodable incident at offset {}: {}", record.offset(), e.toString());
            return null;
        }
    }

    private void send() {
        while (running.get()) {
            try {
                queue.runDue();
                queue.awaitWork(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Slack sender: {}", e.toString(), e);
            }
        }
    }

    /** How many calls wait. */
    int pending() {
        return queue.pending();
    }

    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumer.wakeup();
        sender.interrupt();
        join(reader);
        join(sender);
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
