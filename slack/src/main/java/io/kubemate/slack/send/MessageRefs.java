package io.kubemate.slack.send;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Incident to Slack message. Thread-safe. */
public interface MessageRefs {
    Optional<MessageRef> find(String incidentId);

    /** Keeps {@code ref} (durably, for the Kafka-backed one). */
    void put(MessageRef ref);

    Collection<MessageRef> all();

    /** Kept in memory only (tests; and the cache of the Kafka-backed one). */
    static MessageRefs inMemory() {
        Map<String, MessageRef> refs = new ConcurrentHashMap<>();
        return new MessageRefs() {
            @Override
            public Optional<MessageRef> find(String incidentId) {
                return Optional.ofNullable(refs.get(incidentId));
            }

            @Override
            public void put(MessageRef ref) {
                refs.put(ref.incidentId(), ref);
            }

            @Override
            public Collection<MessageRef> all() {
                return java.util.List.copyOf(refs.values());
            }
        };
    }
}
