package io.kubemate.streams.view;

import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.SummaryView;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SummaryView} of the whole compacted summaries topic ({@code kubemate.rca.results}, keyed by incident id),
 * on every instance: the summary answering the newest request of each incident is kept in memory.
 */
public final class KafkaSummaryView implements SummaryView, AutoCloseable {
    private final LatestVersionView<IncidentSummary> view;

    /** A view of {@code topic} at {@code bootstrapServers}. No I/O until {@link #start()}. */
    public KafkaSummaryView(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.view = new LatestVersionView<>(
                "summary-view",
                bootstrapServers,
                topic,
                IncidentSummary.class,
                IncidentSummary::incidentId,
                IncidentSummary::sequence,
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
    public Optional<IncidentSummary> summary(String incidentId) {
        return view.get(incidentId);
    }

    /** Keeps {@code summary} unless one answering a newer request is already held. */
    public void put(IncidentSummary summary) {
        view.put(summary);
    }

    @Override
    public void close() {
        view.close();
    }
}
