package io.kubemate.streams.view;

import io.kubemate.core.evidence.EvidenceView;
import io.kubemate.core.evidence.IncidentEvidence;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link EvidenceView} of the whole compacted evidence topic (keyed by incident id), on every instance: the newest
 * version of each incident's evidence is kept in memory. {@link #put(IncidentEvidence)} lets the local assembler show
 * what it just published before the topic echoes it back.
 */
public final class KafkaEvidenceView implements EvidenceView, AutoCloseable {
    private final LatestVersionView<IncidentEvidence> view;

    /** A view of {@code topic} at {@code bootstrapServers}. No I/O until {@link #start()}. */
    public KafkaEvidenceView(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.view = new LatestVersionView<>(
                "evidence-view",
                bootstrapServers,
                topic,
                IncidentEvidence.class,
                IncidentEvidence::incidentId,
                IncidentEvidence::version,
                clientProperties);
    }

    /** Starts reading in a background thread. */
    public void start() {
        view.start();
    }

    /** Whether the view has read the topic up to where it ended when it started. */
    public boolean isCaughtUp() {
        return view.isCaughtUp();
    }

    @Override
    public Optional<IncidentEvidence> evidence(String incidentId) {
        return view.get(incidentId);
    }

    /** Keeps {@code evidence} unless a newer version is already held. */
    public void put(IncidentEvidence evidence) {
        view.put(evidence);
    }

    @Override
    public void close() {
        view.close();
    }
}
