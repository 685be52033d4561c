package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.topic.JsonSerde;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one route: a consumer of the incidents topic in the route's own group ({@code
 * <group>-<route name>}), so a receiver that is down delays only its own route, never another's.
 *
 * <p>Each poll's snapshots are folded to the newest per incident, and the incidents the route matches (or was told
 * are active, so it also hears the resolve) are delivered in parallel with retries. Meanwhile the consumer is paused
 * and keeps polling, so it stays in its group however long retries take. Only once every delivery of the batch is
 * settled (accepted, or given up and logged) and its state acknowledged by Kafka are the batch's offsets committed.
 */
final class RouteConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WAIT_POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final OutboundRoute route;
    private final OutboundSettings settings;
    private final OutboundStore store;
    private final Deliverer deliverer;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final JsonSerde<Incident> incidents = new JsonSerde<>(Incident.class);
    private final ExecutorService pool;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    RouteConsumer(
            OutboundRoute route, OutboundSettings settings, OutboundStore store, Deliverer deliverer, Clock clock) {
        this.route = route;
        this.settings = settings;
        this.store = store;
        this.deliverer = deliverer;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
            Thread t = new Thread(runnable, "kubemate-outbound-" + route.name() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "kubemate-outbound-" + route.name());
        this.thread.setDaemon(true);
    }

    /** The consumer group of {@code route}'s deliveries. */
    static String groupId(String group, OutboundRoute route) {
        return group + "-" + route.name();
    }

    void start() {
        thread.start();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(settings.groupId(), route));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-outbound-" + route.name());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the incidents topic is compacted: from the beginning, every active incident is announced once
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        config.putAll(settings.clientProperties());
        return config;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> owned = consumer) {
            while (running.get() && !store.awaitLoaded(Duration.ofSeconds(1))) {
                LOG.debug("route {} waits for the outbound state to load", route.name());
            }
            consumer.subscribe(List.of(settings.incidentsTopic()));
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty() && !deliverBatch(records)) {
                    return; // shutting down: the batch is not committed and is read again after a restart
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("route {} consumer woken up while running", route.name(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("route {} deliveries stopped: {}", route.name(), e.toString(), e);
        }
    }

    /** Delivers a batch and commits it; false when shut down before everything was settled. */
    private boolean deliverBatch(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Map<String, Incident> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            commit.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Incident incident = decode(record);
            if (incident != null) {
                latest.merge(incident.id().value(), incident, (a, b) -> b.version() >= a.version() ? b : a);
            }
        }
        while (running.get()) {
            List<Future<?>> work = new ArrayList<>();
            for (Incident incident : latest.values()) {
                work.add(pool.submit(() -> deliver(incident)));
            }
            if (!awaitSettled(work)) {
                return false;
            }
            if (failed(work) == 0) {
                store.flush();
                consumer.commitSync(commit);
                return true;
            }
            // Kafka did not take a state write: deliver the batch again (what was settled is skipped by its state)
            LOG.warn("route {}: delivery state not written; retrying the batch in {}", route.name(), RETRY_PAUSE);
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
        return false;
    }

    /** Keeps the consumer in its group (paused, polling) until every delivery ended; false on shutdown. */
    private boolean awaitSettled(List<Future<?>> work) {
        consumer.pause(consumer.assignment());
        try {
            while (work.stream().anyMatch(f -> !f.isDone())) {
                if (!running.get()) {
                    work.forEach(f -> f.cancel(true));
                    return false;
                }
                ConsumerRecords<String, byte[]> stray = consumer.poll(WAIT_POLL);
                // partitions assigned meanwhile are not paused yet: give back what they returned
                Map<TopicPartition, Long> rewind = new HashMap<>();
                stray.forEach(r -> rewind.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
                rewind.forEach(consumer::seek);
                consumer.pause(consumer.assignment());
            }
            return true;
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    private int failed(List<Future<?>> work) {
        int failed = 0;
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (Exception e) {
                failed++;
                LOG.warn(
                        "route {}: a delivery did not settle: {}",
                        route.name(),
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
        return failed;
    }

    private Incident decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return incidents.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn(
                    "route {} skips an undecodable incident at {}-{}@{}: {}",
                    route.name(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }

    /** Delivers what the route has not been told about {@code incident}, then settles its state. */
    private Void deliver(Incident incident) throws InterruptedException {
        String id = incident.id().value();
        DeliveredState last = store.state(route.name(), id).orElse(null);
        boolean told = last != null && last.status().isActive();
        if (!route.matches(incident) && !told) {
            return null;
        }
        var event = IncidentEvent.next(last, incident);
        if (event.isEmpty()) {
            return null;
        }
        boolean delivered = deliverer.deliver(route, incident, event.get(), last, attempt -> store.record(id, attempt));
        if (!delivered) {
            LOG.warn("gave up delivering {} of {} to route {}", event.get().wireName(), id, route.name());
        }
        store.settle(new DeliveredState(
                route.name(),
                id,
                incident.version(),
                incident.status(),
                IncidentEvent.signature(incident),
                delivered,
                clock.instant()));
        return null;
    }

    /** Stops; deliveries in flight are interrupted and not committed (they are redone after a restart). */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumer.wakeup();
        pool.shutdownNow();
        if (thread.isAlive()) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
