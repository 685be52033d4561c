package io.kubemate.app.bench;

import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.topic.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical limit of the intake path: an idempotent {@code acks=all} producer with the webhook writer's settings
 * (linger 5 ms, 64 KiB batches, lz4) sending the same records, keyed by fingerprint, as fast as the broker acks them.
 * {@code threads} threads build and send the records; at most {@link #MAX_IN_FLIGHT} are unacknowledged.
 */
final class RawProducerLoad {
    static final int MAX_IN_FLIGHT = 50_000;

    private final String bootstrap;
    private final String topic;
    private final AlertBatches batches;
    private final JsonSerde<RawAlert> serde = new JsonSerde<>(RawAlert.class);
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    RawProducerLoad(String bootstrap, String topic, AlertBatches batches) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.batches = batches;
    }

    static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    Throughput run(int threads, int warmupSeconds, int seconds) throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // the new topic's metadata, before the clock starts
            long start = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            long end = start + seconds * 1_000_000_000L;
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> send(producer, start, end), "bench-producer");
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
            for (Thread t : senders) {
                t.join();
            }
            producer.flush();
        }
        long records = acked.get();
        return new Throughput(records, seconds, records, failures.get(), 0, 0, 0);
    }

    private void send(KafkaProducer<String, byte[]> producer, long start, long end) {
        try {
            while (System.nanoTime() < end) {
                AlertBatches.Batch batch = batches.batch(seq.getAndIncrement());
                for (RawAlert alert : AlertBatches.rawAlerts(batch, Instant.now())) {
                    byte[] value = serde.serialize(topic, alert);
                    inFlight.acquire();
                    producer.send(new ProducerRecord<>(topic, alert.fingerprint(), value), (meta, error) -> {
                        inFlight.release();
                        long now = System.nanoTime();
                        if (error != null) {
                            failures.incrementAndGet();
                        } else if (now >= start && now <= end) {
                            acked.incrementAndGet();
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
