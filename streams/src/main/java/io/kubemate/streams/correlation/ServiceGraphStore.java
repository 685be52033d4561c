package io.kubemate.streams.correlation;

import io.kubemate.core.evidence.ServiceEdge;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link ServiceLinks} read from the global service graph store (a copy of the compacted service graph topic on every
 * instance). The adjacency is rebuilt from the store at most once per {@code refreshMillis} of wall-clock time, so a
 * burst of alerts does not rescan the graph for each one.
 */
final class ServiceGraphStore implements ServiceLinks {
    private final ReadOnlyKeyValueStore<String, ServiceEdge> store;
    private final LongSupplier clock;
    private final long refreshMillis;
    private Map<String, Set<String>> adjacency = Map.of();
    private long builtAt = Long.MIN_VALUE;

    ServiceGraphStore(ReadOnlyKeyValueStore<String, ServiceEdge> store, LongSupplier clock, long refreshMillis) {
        this.store = store;
        this.clock = clock;
        this.refreshMillis = refreshMillis;
    }

    @Override
    public Set<String> neighbours(String service) {
        long now = clock.getAsLong();
        if (builtAt == Long.MIN_VALUE || now - builtAt >= refreshMillis) {
            adjacency = build();
            builtAt = now;
        }
        return adjacency.getOrDefault(service, Set.of());
    }

    private Map<String, Set<String>> build() {
        Map<String, Set<String>> links = new HashMap<>();
        try (KeyValueIterator<String, ServiceEdge> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ServiceEdge> next = all.next();
                ServiceEdge edge = next.value;
                if (edge == null || edge.caller().equals(edge.callee())) {
                    continue;
                }
                links.computeIfAbsent(edge.caller(), k -> new HashSet<>()).add(edge.callee());
                links.computeIfAbsent(edge.callee(), k -> new HashSet<>()).add(edge.caller());
            }
        }
        return links;
    }
}
