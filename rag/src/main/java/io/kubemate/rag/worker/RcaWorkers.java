package io.kubemate.rag.worker;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.RcaRequest;
import io.kubemate.core.rca.SummaryView;
import io.kubemate.core.topic.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The summary workers: each is a consumer of the requests topic in one group, on its own thread. A request is
 * answered by reading the incident and its evidence as they are now, calling the {@link Summarizer}, and publishing
 * the summary to the results topic (keyed by incident id); only then is the request's offset committed, so a crash
 * mid-request loses nothing: the request is answered again after the restart. A request older than the summary
 * already held ({@link IncidentSummary#sequence()}) is skipped; so is one whose incident the view does not hold within
 * {@link RcaWorkerSettings#incidentWait()} (logged). A summarizer that throws costs that request, logged, never the
 * worker.
 */
public final class RcaWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RcaWorkers.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final RcaWorkerSettings settings;
    private final IncidentView incidents;
    private final EvidenceView evidence;
    private final SummaryView summaries;
    private final Summarizer summarizer;
    private final Consumer<IncidentSummary> published;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong answered = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;

    /**
     * @param published told of every summary once Kafka acknowledged it (e.g. to show it before the topic echoes it)
     */
    public RcaWorkers(
            RcaWorkerSettings settings,
            IncidentView incidents,
            EvidenceView evidence,
            SummaryView summaries,
            Summarizer summarizer,
            Consumer<IncidentSummary> published) {
        this.settings = settings;
        this.incidents = incidents;
        this.evidence = evidence;
        this.summaries = summaries;
        this.summarizer = summarizer;
        this.published = published;
    }

    /** Starts the workers; at most once. */
    public synchronized RcaWorkers start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        for (int i = 0; i < settings.workers(); i++) {
            KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(consumerConfig(i), new StringDeserializer(), new ByteArrayDeserializer());
            consumers.add(consumer);
            Thread thread = new Thread(() -> run(consumer), "kubemate-rca-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** How many requests were answered since start. */
    public long answered() {
        return answered.get();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kubemate-rca-results");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                settings.timeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                Math.min(30_000, settings.timeout().toMillis()));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(settings.clientProperties());
        return config;
    }

    private Map<String, Object> consumerConfig(int worker) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-rca-" + worker);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a model may take minutes (timeouts, a grounding retry): one record per poll, a 9-minute poll interval
        // (under the 9-minute idle-connection limit)
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 9 * 60 * 1000 - 1000);
        config.putAll(settings.clientProperties());
        return config;
    }

    private void run(KafkaConsumer<String, byte[]> consumer) {
        JsonSerde<RcaRequest> requests = new JsonSerde<>(RcaRequest.class);
        try {
            consumer.subscribe(List.of(settings.topics().requests()));
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running.get()) {
                        return; // not committed: answered again by whoever gets the partition
                    }
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        answer(decode(requests, record));
                    } catch (NotPublishedException e) {
                        // Kafka did not take the summary: ask again from this request after a pause
                        LOG.warn("{}; retrying in {}", e.getMessage(), RETRY_PAUSE);
                        consumer.seek(partition, record.offset());
                        pause();
                        break;
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("summary worker {} stopped: {}", Thread.currentThread().getName(), e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static RcaRequest decode(JsonSerde<RcaRequest> serde, ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : serde.deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn(
                    "skipping an undecodable summary request at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }

    /** Answers {@code request}, publishing the summary and waiting for Kafka to acknowledge it. */
    private void answer(RcaRequest request) {
        if (request == null) {
            return;
        }
        // every line logged while answering carries the incident id (a field of its own in JSON logs)
        try (MDC.MDCCloseable ignored = MDC.putCloseable("incident_id", request.incidentId())) {
            answerLogged(request);
        }
    }

    private void answerLogged(RcaRequest request) {
        Optional<IncidentSummary> held = summaries.summary(request.incidentId());
        if (held.isPresent() && held.get().sequence() >= request.sequence()) {
            return; // answered before (a redelivery after a restart)
        }
        Optional<Incident> incident = awaitIncident(request.incidentId());
        if (incident.isEmpty()) {
            LOG.warn("summary request for {} skipped: the incident is not in the view", request.incidentId());
            return;
        }
        IncidentSummary summary;
        try {
            summary = summarizer.summarize(incident.get(), evidence.evidence(request.incidentId()), request);
        } catch (RuntimeException e) {
            LOG.error("summarising {} failed: {}", request.incidentId(), e.toString(), e);
            return;
        }
        try {
            producer.send(new ProducerRecord<>(
                            settings.topics().results(),
                            summary.incidentId(),
                            new JsonSerde<>(IncidentSummary.class).serializer().serialize(null, summary)))
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublishedException("interrupted while publishing the summary of " + summary.incidentId());
        } catch (Exception e) {
            throw new NotPublishedException(
                    "the summary of " + summary.incidentId() + " was not acknowledged: " + e.getMessage());
        }
        answered.incrementAndGet();
        published.accept(summary);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kafka did not acknowledge a summary; the request is not committed and is answered again. */
    private static final class NotPublishedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPublishedException(String message) {
            super(message);
        }
    }

    private Optional<Incident> awaitIncident(String id) {
        Instant deadline = Instant.now().plus(settings.incidentWait());
        IncidentId incidentId = new IncidentId(id);
        while (running.get()) {
            Optional<Incident> incident = incidents.find(incidentId);
            if (incident.isPresent() || Instant.now().isAfter(deadline)) {
                return incident;
            }
            try {
                Thread.sleep(100); // polling an in-memory view; bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
