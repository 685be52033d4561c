package io.kubemate.core.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values, built once from configuration and passed where needed.
 *
 * @param name the topic name
 * @param partitions the partition count to create it with (and to expect of an existing one)
 * @param compacted whether it is a compacted (latest value per key) topic
 */
public record Topic<K, V>(String name, int partitions, boolean compacted, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }
}
