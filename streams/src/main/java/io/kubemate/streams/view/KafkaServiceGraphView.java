package io.kubemate.streams.view;

import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.evidence.ServiceGraphView;
import io.kubemate.core.topic.JsonSerde;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@link ServiceGraphView} of the whole compacted service-graph topic ({@link ServiceEdge}s keyed {@code
 * caller->callee}), on every instance. {@link #start()} starts one daemon thread (a {@link TopicFollower}: plain
 * consumer, no group, all partitions, from the beginning, {@code read_committed}, partitions added later picked up)
 * that keeps the latest edge per key in memory; a tombstone removes its edge. Errors are logged and retried; a record
 * that does not decode is skipped with a warning. The thread ends only on {@link #close()}, which waits up to ten
 * seconds for it.
 *
 * <p>{@link #isCaughtUp()} turns true once the view has read up to the end offsets it found when it first saw the
 * topic (or at once when the topic does not exist yet), and stays true. Reads are safe from any thread.
 */
public final class KafkaServiceGraphView implements ServiceGraphView, AutoCloseable {
    private static final Comparator<ServiceEdge> BY_CALLER_THEN_CALLEE =
            Comparator.comparing(ServiceEdge::caller).thenComparing(ServiceEdge::callee);

    private final Map<String, ServiceEdge> byKey = new ConcurrentHashMap<>();
    private final JsonSerde<ServiceEdge> serde = new JsonSerde<>(ServiceEdge.class);
    private final TopicFollower follower;

    /**
     * A view of {@code topic} at {@code bootstrapServers}; {@code clientProperties} (e.g. SASL/SSL settings) are passed
     * to the consumer last. No I/O until {@link #start()}.
     */
    public KafkaServiceGraphView(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.follower = new TopicFollower(
                "service-graph-view", bootstrapServers, List.of(topic), null, this::apply, clientProperties, true);
    }

    /** Starts reading in a background thread; at most once. */
    public void start() {
        follower.start();
    }

    /** Whether the view has read the topic up to where it ended when it started. */
    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    @Override
    public List<ServiceEdge> edges() {
        return byKey.values().stream().sorted(BY_CALLER_THEN_CALLEE).toList();
    }

    /** Applies one record of the topic: an edge replaces the one held under its key, a tombstone removes it. */
    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            byKey.remove(record.key());
        } else {
            byKey.put(record.key(), serde.deserialize(record.topic(), record.value()));
        }
    }

    /** Stops the reader and closes its consumer, waiting up to ten seconds for that. */
    @Override
    public void close() {
        follower.close();
    }
}
