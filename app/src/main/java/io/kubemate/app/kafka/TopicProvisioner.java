package io.kubemate.app.kafka;

import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.rca.RcaTopics;
import io.kubemate.core.telemetry.TelemetryTopics;
import io.kubemate.core.topic.Topic;
import io.kubemate.streams.correlation.CorrelationTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Creates Kubemate's topics when they are missing and checks the partition counts of existing ones, so that a
 * misconfigured external cluster is reported at start rather than discovered later.
 */
public final class TopicProvisioner {
    /** How long the spine's non-compacted topics keep records. */
    private static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The number of brokers in the cluster. */
    public int brokerCount() {
        return await(admin.describeCluster().nodes(), "describe the cluster").size();
    }

    /**
     * Creates every missing topic with {@code replication} and checks the others.
     *
     * @return the names of the topics it created
     * @throws KubemateException naming every existing topic whose partition count differs from the configured one
     */
    public List<String> ensure(List<Topic<?, ?>> topics, short replication) {
        return ensure(topics, replication, DEFAULT_RETENTION);
    }

    /**
     * Creates the telemetry topics when missing, with the spine's partition count: logs, spans and changes keep
     * records for {@code retention}; the service graph and evidence topics are compacted. Existing ones are checked
     * like {@link #ensure(List, short)}. The Collector's {@code otlp_spans} / {@code otlp_logs} topics, when named,
     * are created when missing too, so the streams can subscribe before the Collector first writes, but existing ones
     * are left unchecked: the Collector owns them and may partition them as it likes.
     *
     * @return the names of the topics it created
     */
    public List<String> ensureTelemetry(
            TelemetryTopics telemetry, int partitions, short replication, Duration retention) {
        List<Topic<?, ?>> owned = List.of(
                bytesTopic(telemetry.logs(), partitions, false),
                bytesTopic(telemetry.spans(), partitions, false),
                bytesTopic(telemetry.changes(), partitions, false),
                bytesTopic(telemetry.serviceGraph(), partitions, true),
                bytesTopic(telemetry.evidence(), partitions, true));
        List<String> created = new ArrayList<>(ensure(owned, replication, retention));
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        for (String name : List.of(telemetry.otlpSpans(), telemetry.otlpLogs())) {
            if (!name.isEmpty() && !existing.contains(name)) {
                Topic<?, ?> topic = bytesTopic(name, partitions, false);
                if (create(
                        new NewTopic(name, partitions, replication).configs(configOf(topic, retention, replication)))) {
                    created.add(name);
                }
            }
        }
        return created;
    }

    /**
     * Creates the summary topics when missing: requests (kept {@code retention}) and results (compacted); returns the
     * names created.
     */
    public List<String> ensureRca(RcaTopics rca, int partitions, short replication, Duration retention) {
        return ensure(
                List.of(bytesTopic(rca.requests(), partitions, false), bytesTopic(rca.results(), partitions, true)),
                replication,
                retention);
    }

    private static Topic<byte[], byte[]> bytesTopic(String name, int partitions, boolean compacted) {
        return new Topic<>(name, partitions, compacted, Serdes.ByteArray(), Serdes.ByteArray());
    }

    private List<String> ensure(List<Topic<?, ?>> topics, short replication, Duration retention) {
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<NewTopic> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            if (existing.contains(topic.name())) {
                present.add(topic.name());
            } else {
                missing.add(new NewTopic(topic.name(), topic.partitions(), replication)
                        .configs(configOf(topic, retention, replication)));
            }
        }
        List<String> created = new ArrayList<>();
        for (NewTopic topic : missing) {
            if (create(topic)) {
                created.add(topic.name());
            } else {
                // created meanwhile by someone else (or not yet in our metadata): check it like the others
                present.add(topic.name());
            }
        }
        checkPartitions(topics, present);
        if (!created.isEmpty()) {
            // return only once the broker knows them: whoever uses them next (streams, config reads) finds them
            describe(created);
        }
        return created;
    }

    /** Creates {@code topic}; false when it already exists. */
    private boolean create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new KubemateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not create topic " + topic.name() + " in time", timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubemateException("interrupted while creating topics", e);
        }
    }

    private void checkPartitions(List<Topic<?, ?>> topics, List<String> present) {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = describe(present);
        List<String> problems = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description != null && description.partitions().size() != topic.partitions()) {
                problems.add("topic " + topic.name() + " has "
                        + description.partitions().size() + " partitions but " + topic.partitions()
                        + " are configured");
            }
        }
        if (!problems.isEmpty()) {
            throw new KubemateException(String.join("; ", problems)
                    + " (set KUBEMATE_TOPIC_PARTITIONS to match, or repartition the topics)");
        }
    }

    /** Describes topics, waiting while a just-created one is not yet known to the broker that answers. */
    private Map<String, TopicDescription> describe(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new UnavailableException("Kafka did not describe topics " + names, timeout, e);
                }
            } catch (TimeoutException e) {
                throw new UnavailableException("Kafka did not describe topics within " + timeout, timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubemateException("interrupted while describing topics", e);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubemateException("interrupted while describing topics", e);
        }
    }

    private static Map<String, String> configOf(Topic<?, ?> topic, Duration retention, short replication) {
        Map<String, String> config = new HashMap<>();
        minInSync(replication).ifPresent(n -> config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, n));
        if (topic.compacted()) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(CorrelationTopology.MAX_MESSAGE_BYTES));
        } else {
            config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        return config;
    }

    /**
     * With three or more replicas, an {@code acks=all} write needs two of them (one broker may die without losing an
     * answered alert, and writes go on while it is down); with fewer, the broker's default applies.
     */
    static java.util.Optional<String> minInSync(short replication) {
        return replication >= 3 ? java.util.Optional.of("2") : java.util.Optional.empty();
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnavailableException("Kafka did not answer to " + what + " within " + timeout, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubemateException("interrupted while waiting to " + what, e);
        }
    }
}
