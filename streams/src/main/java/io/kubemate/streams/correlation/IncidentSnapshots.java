package io.kubemate.streams.correlation;

import io.kubemate.core.incident.Incident;
import java.util.List;

/** Builds the published snapshot of an incident from its header alone (members are published one by one). */
final class IncidentSnapshots {
    private IncidentSnapshots() {}

    /** The snapshot of {@code header}, without member alerts. */
    static Incident build(IncidentHeader header) {
        IncidentSummary summary = header.summary();
        return new Incident(
                header.id(),
                header.version(),
                header.status(),
                summary.title(header.scope()),
                summary.severity(),
                header.scope(),
                header.scopeKey(),
                summary.services(),
                header.alertCount(),
                header.firingCount(),
                header.openedAt(),
                header.updatedAt(),
                header.resolvedAt(),
                List.of(),
                header.timeline(),
                header.timelineOmitted(),
                header.mergedInto());
    }
}
