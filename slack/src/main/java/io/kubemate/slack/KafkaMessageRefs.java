package io.kubemate.slack;

import io.kubemate.core.topic.JsonSerde;
import io.kubemate.slack.send.MessageRef;
import io.kubemate.slack.send.MessageRefs;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageRefs} kept in a compacted topic (incident id to {@link MessageRef}): {@link #load()} creates the topic
 * when missing and reads it to its end, so a restart knows every message it posted; {@link #put} writes through.
 */
final class KafkaMessageRefs implements MessageRefs, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageRefs.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final SlackSettings settings;
    private final MessageRefs cache = MessageRefs.inMemory();
    private final JsonSerde<MessageRef> serde = new JsonSerde<>(MessageRef.class);
    private KafkaProducer<String, byte[]> producer;

    KafkaMessageRefs(SlackSettings settings) {
        this.settings = settings;
    }

    /** Creates the topic when missing, reads it to its end and opens the writer. */
    KafkaMessageRefs load() {
        ensureTopic();
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubemate-slack-refs");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.messagesTopic(), LOAD_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            Instant deadline = Instant.now().plus(LOAD_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "reading " + settings.messagesTopic() + " took over " + LOAD_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read(record);
                }
            }
        }
        Map<String, Object> producerConfig = new HashMap<>(settings.clientProperties());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "kubemate-slack-refs");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        LOG.info("Slack: {} incident messages known from {}", cache.all().size(), settings.messagesTopic());
        return this;
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            cache.put(serde.deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("skipping an undecodable Slack message ref at offset {}: {}", record.offset(), e.toString());
        }
    }

    private void ensureTopic() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics().names().get().contains(settings.messagesTopic())) {
                return;
            }
            NewTopic topic = new NewTopic(settings.messagesTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(Set.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "could not create " + settings.messagesTopic() + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + settings.messagesTopic(), e);
        }
    }

    @Override
    public Optional<MessageRef> find(String incidentId) {
        return cache.find(incidentId);
    }

    @Override
    public void put(MessageRef ref) {
        cache.put(ref);
        try {
            // waited for: a restart must find the message it posted, or it would post again
            producer.send(new ProducerRecord<>(
                            settings.messagesTopic(),
                            ref.incidentId(),
                            serde.serializer().serialize(null, ref)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Slack message ref of {} not stored: {}", ref.incidentId(), e.toString());
        }
    }

    @Override
    public Collection<MessageRef> all() {
        return cache.all();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
