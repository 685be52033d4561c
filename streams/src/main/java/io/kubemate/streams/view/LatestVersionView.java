package io.kubemate.streams.view;

import io.kubemate.core.topic.JsonSerde;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The newest version of every record of a compacted topic whose values carry their key and a version, in memory, on
 * every instance (a {@link TopicFollower} from the beginning). {@link #put} lets a local writer show what it just
 * published before the topic echoes it back; an older version never replaces a newer one.
 */
final class LatestVersionView<T> implements AutoCloseable {
    private final Map<String, T> byKey = new ConcurrentHashMap<>();
    private final JsonSerde<T> serde;
    private final Function<T, String> key;
    private final ToLongFunction<T> version;
    private final TopicFollower follower;

    LatestVersionView(
            String name,
            String bootstrapServers,
            String topic,
            Class<T> type,
            Function<T, String> key,
            ToLongFunction<T> version,
            Map<String, String> clientProperties) {
        this.serde = new JsonSerde<>(type);
        this.key = key;
        this.version = version;
        this.follower = new TopicFollower(name, bootstrapServers, List.of(topic), null, this::apply, clientProperties);
    }

    void start() {
        follower.start();
    }

    boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    Optional<T> get(String id) {
        return Optional.ofNullable(byKey.get(id));
    }

    void put(T value) {
        byKey.merge(
                key.apply(value),
                value,
                (old, fresh) -> version.applyAsLong(fresh) >= version.applyAsLong(old) ? fresh : old);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null) {
            put(serde.deserializer().deserialize(record.topic(), record.value()));
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
