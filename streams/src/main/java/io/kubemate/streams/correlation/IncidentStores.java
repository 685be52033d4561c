package io.kubemate.streams.correlation;

import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.topic.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The correlation's state: typed access to its five stores. */
final class IncidentStores {
    static final String INCIDENTS = "incident-store";
    static final String MEMBERS = "incident-alert-store";
    static final String ALERT_INCIDENT = "alert-incident-store";
    static final String SCOPE_INCIDENTS = "scope-incident-store";
    static final String DIRTY = "incident-dirty-store";

    private static final char MEMBER_SEPARATOR = '/';

    private final KeyValueStore<String, IncidentHeader> incidents;
    private final KeyValueStore<String, IncidentAlert> members;
    private final KeyValueStore<String, String> alertIncident;
    private final KeyValueStore<String, String> scopeIncidents;
    private final KeyValueStore<String, Long> dirty;
    private final Function<IncidentHeader, Instant> dueAt;
    /** When each incident next needs housekeeping; derived from the headers, so kept in memory only. */
    private final Map<IncidentId, Instant> due = new HashMap<>();

    /**
     * Typed access to the processor's stores. {@code dueAt} tells when an incident next needs housekeeping (or
     * null): it is evaluated for every header now held and every header saved, so the wall-clock punctuation reads
     * only the incidents that are due instead of deserialising every header.
     */
    IncidentStores(ProcessorContext<?, ?> context, Function<IncidentHeader, Instant> dueAt) {
        this.incidents = context.getStateStore(INCIDENTS);
        this.members = context.getStateStore(MEMBERS);
        this.alertIncident = context.getStateStore(ALERT_INCIDENT);
        this.scopeIncidents = context.getStateStore(SCOPE_INCIDENTS);
        this.dirty = context.getStateStore(DIRTY);
        this.dueAt = dueAt;
        try (KeyValueIterator<String, IncidentHeader> it = incidents.all()) {
            it.forEachRemaining(entry -> schedule(entry.value));
        }
    }

    /** The store builders; stores that may hold big values get a changelog accepting {@code maxMessageBytes}. */
    static Set<StoreBuilder<?>> builders(int maxMessageBytes) {
        Map<String, String> bigValues = Map.of("max.message.bytes", Integer.toString(maxMessageBytes));
        return Set.of(
                store(INCIDENTS, new JsonSerde<>(IncidentHeader.class)).withLoggingEnabled(bigValues),
                store(MEMBERS, new JsonSerde<>(IncidentAlert.class)).withLoggingEnabled(bigValues),
                store(ALERT_INCIDENT, Serdes.String()),
                store(SCOPE_INCIDENTS, Serdes.String()).withLoggingEnabled(bigValues),
                store(DIRTY, Serdes.Long()));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled();
    }

    IncidentHeader header(IncidentId id) {
        return incidents.get(id.value());
    }

    /**
     * Stores a changed header with the next version and marks it for publishing. Call only for real changes:
     * versions are what readers order snapshots by.
     */
    IncidentHeader save(IncidentHeader changed) {
        IncidentHeader saved = changed.withVersion(changed.version() + 1);
        incidents.put(saved.id().value(), saved);
        dirty.put(saved.id().value(), saved.version());
        schedule(saved);
        return saved;
    }

    /** The ids of incidents whose housekeeping is due at {@code now}. */
    List<IncidentId> dueIds(Instant now) {
        return due.entrySet().stream()
                .filter(entry -> !entry.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private void schedule(IncidentHeader header) {
        Instant at = dueAt.apply(header);
        if (at == null) {
            due.remove(header.id());
        } else {
            due.put(header.id(), at);
        }
    }

    IncidentAlert member(IncidentId id, String fingerprint) {
        return members.get(memberKey(id, fingerprint));
    }

    void putMember(IncidentId id, IncidentAlert member) {
        members.put(memberKey(id, member.fingerprint()), member);
    }

    void removeMember(IncidentId id, String fingerprint) {
        members.delete(memberKey(id, fingerprint));
    }

    /** The members of an incident, ordered by fingerprint. */
    List<IncidentAlert> members(IncidentId id) {
        List<IncidentAlert> all = new ArrayList<>();
        try (KeyValueIterator<String, IncidentAlert> it =
                members.prefixScan(id.value() + MEMBER_SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        all.sort(Comparator.comparing(IncidentAlert::fingerprint));
        return all;
    }

    IncidentId incidentOf(String fingerprint) {
        String id = alertIncident.get(fingerprint);
        return id == null ? null : new IncidentId(id);
    }

    void map(String fingerprint, IncidentId id) {
        alertIncident.put(fingerprint, id.value());
    }

    List<IncidentId> incidentsIn(String scopeKey) {
        String ids = scopeIncidents.get(scopeKey);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(ids.split(",")).map(IncidentId::new).toList();
    }

    void addToScope(String scopeKey, IncidentId id) {
        List<IncidentId> ids = new ArrayList<>(incidentsIn(scopeKey));
        if (!ids.contains(id)) {
            ids.add(id);
            putScope(scopeKey, ids);
        }
    }

    /** The ids of incidents changed since they were last published. */
    List<IncidentId> dirtyIds() {
        List<IncidentId> ids = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            it.forEachRemaining(entry -> ids.add(new IncidentId(entry.key)));
        }
        return ids;
    }

    boolean isDirty(IncidentId id) {
        return dirty.get(id.value()) != null;
    }

    void clearDirty(IncidentId id) {
        dirty.delete(id.value());
    }

    /**
     * Forgets an incident locally: its header, members, the alert mappings that still point at it and its scope
     * entry. The published snapshot in the compacted incidents topic stays.
     */
    void forget(IncidentHeader header) {
        IncidentId id = header.id();
        List<String> memberKeys = new ArrayList<>();
        try (KeyValueIterator<String, IncidentAlert> it =
                members.prefixScan(id.value() + MEMBER_SEPARATOR, new StringSerializer())) {
            it.forEachRemaining((KeyValue<String, IncidentAlert> entry) -> {
                memberKeys.add(entry.key);
                if (id.value().equals(alertIncident.get(entry.value.fingerprint()))) {
                    alertIncident.delete(entry.value.fingerprint());
                }
            });
        }
        memberKeys.forEach(members::delete);
        List<IncidentId> ids = new ArrayList<>(incidentsIn(header.scopeKey()));
        ids.remove(id);
        putScope(header.scopeKey(), ids);
        incidents.delete(id.value());
        due.remove(id);
    }

    private void putScope(String scopeKey, List<IncidentId> ids) {
        if (ids.isEmpty()) {
            scopeIncidents.delete(scopeKey);
        } else {
            scopeIncidents.put(
                    scopeKey,
                    String.join(",", ids.stream().map(IncidentId::value).toList()));
        }
    }

    private static String memberKey(IncidentId id, String fingerprint) {
        return id.value() + MEMBER_SEPARATOR + fingerprint;
    }
}
