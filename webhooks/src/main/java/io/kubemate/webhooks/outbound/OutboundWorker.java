package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.Incident;
import io.kubemate.core.topic.JsonSerde;
import java.net.http.HttpClient;
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
import java.util.concurrent.ThreadLocalRandom;
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
 * Delivers incident events to the configured routes. One consumer of the incidents topic, in its own group, on its own
 * thread; deliveries run on a small pool, never on a stream thread.
 *
 * <p>Each poll's snapshots are folded to the newest per incident; for every incident and route that matches it (or
 * was already told it is active, so it also hears the resolve) the event since the route's {@link DeliveredState} is
 * delivered with retries. While they run the consumer is paused and keeps polling, so it stays in its group however
 * long the retries take. Only once every delivery of the batch is settled (accepted, or given up and logged) and its
 * state acknowledged by Kafka are the batch's offsets committed: a crash before re-reads the batch, and the state
 * keeps what was settled from being sent twice.
 */
public final class OutboundWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundWorker.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WAIT_POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final OutboundSettings settings;
    private final OutboundStore store;
    private final Deliverer deliverer;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final JsonSerde<Incident> incidents = new JsonSerde<>(Incident.class);
    private ExecutorService pool;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** A worker sending with Java's HTTP client, real time and real waits. No I/O until {@link #start()}. */
    public OutboundWorker(OutboundSettings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL);
    }

    OutboundWorker(OutboundSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.store = new OutboundStore(settings);
        this.deliverer = new Deliverer(
                HttpClient.newBuilder()
                        .connectTimeout(settings.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                settings.requestTimeout(),
                settings.retry(),
                clock,
                sleeper,
                () -> ThreadLocalRandom.current().nextDouble(),
                new IncidentLinks(settings.publicUrl()),
                JsonSerde.newMapper());
    }

    /** Starts reading the state and log topics, then delivering; at most once. */
    public synchronized OutboundWorker start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        store.start();
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
            Thread t = new Thread(runnable, "kubemate-outbound-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "kubemate-outbound");
        thread.setDaemon(true);
        thread.start();
        LOG.info("outgoing webhooks: {} route(s) {}", settings.routes().size(), routeNames());
        return this;
    }

    /** The delivery log this worker keeps (and reads from other instances' writes). */
    public DeliveryLog deliveries() {
        return store;
    }

    private List<String> routeNames() {
        return settings.routes().stream().map(OutboundRoute::name).toList();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-outbound");
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
                LOG.debug("waiting for the outbound state to load");
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
                LOG.error("outbound worker woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("outbound worker stopped: {}", e.toString(), e);
        }
    }

    /** Delivers a batch and commits it; false when shut down before everything was settled. */
    private boolean deliverBatch(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Map<String, Incident> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(partition, record.offset());
            commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
            Incident incident = decode(record);
            if (incident != null) {
                latest.merge(incident.id().value(), incident, (a, b) -> b.version() >= a.version() ? b : a);
            }
        }
        while (running.get()) {
            List<Future<?>> work = new ArrayList<>();
            for (Incident incident : latest.values()) {
                for (OutboundRoute route : settings.routes()) {
                    work.add(pool.submit(() -> deliver(route, incident)));
                }
            }
            if (!awaitSettled(work)) {
                return false;
            }
            if (failed(work) == 0) {
                store.flush();
                consumer.commitSync(commit);
                return true;
            }
            // Kafka did not take a state write: deliver the batch again (settled deliveries are skipped by state)
            LOG.warn("outbound state not written; retrying the batch in {}", RETRY_PAUSE);
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

    private static int failed(List<Future<?>> work) {
        int failed = 0;
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (Exception e) {
                failed++;
                LOG.warn(
                        "a delivery did not settle: {}",
                        e.getCause() == null ? e : e.getCause().toString());
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
                    "skipping an undecodable incident at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }

    /** Delivers what {@code route} has not been told about {@code incident}, then settles its state. */
    private Void deliver(OutboundRoute route, Incident incident) throws InterruptedException {
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

    /** Stops delivering; deliveries in flight are interrupted and not committed (they are redone after a restart). */
    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumer.wakeup();
        pool.shutdownNow();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
