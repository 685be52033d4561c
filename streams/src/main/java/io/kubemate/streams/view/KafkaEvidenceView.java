package io.kubemate.streams.view;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.topic.JsonSerde;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An {@link EvidenceView} of the whole compacted evidence topic (keyed by incident id), on every instance: the newest
 * version of each incident's evidence is kept in memory. {@link #put(IncidentEvidence)} lets the local assembler show
 * what it just published before the topic echoes it back.
 */
public final class KafkaEvidenceView implements EvidenceView, AutoCloseable {
    private final Map<String, IncidentEvidence> byIncident = new ConcurrentHashMap<>();
    private final JsonSerde<IncidentEvidence> serde = new JsonSerde<>(IncidentEvidence.class);
    private final TopicFollower follower;

    /** A view of {@code topic} at {@code bootstrapServers}. No I/O until {@link #start()}. */
    public KafkaEvidenceView(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.follower = new TopicFollower(
                "evidence-view", bootstrapServers, List.of(topic), null, this::apply, clientProperties);
    }

    /** Starts reading in a background thread. */
    public void start() {
        follower.start();
    }

    /** Whether the view has read the topic up to where it ended when it started. */
    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    @Override
    public Optional<IncidentEvidence> evidence(String incidentId) {
        return Optional.ofNullable(byIncident.get(incidentId));
    }

    /** Keeps {@code evidence} unless a newer version is already held. */
    public void put(IncidentEvidence evidence) {
        byIncident.merge(
                evidence.incidentId(), evidence, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        put(serde.deserializer().deserialize(record.topic(), record.value()));
    }

    @Override
    public void close() {
        follower.close();
    }
}
