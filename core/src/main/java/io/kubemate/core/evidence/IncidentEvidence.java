package io.kubemate.core.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * All evidence of one incident, the value of the compacted {@code kubemate.evidence} topic (keyed by incident id).
 * Every update republishes the whole, bounded set with a higher {@link #version()}.
 *
 * @param incidentId the incident
 * @param version increases with every update; readers keep the highest
 * @param updatedAt when it was assembled
 * @param items the evidence, ordered by id, bounded per kind
 * @param probableOrigin ranked candidates, most likely first; empty when nothing points anywhere
 */
public record IncidentEvidence(
        String incidentId,
        long version,
        Instant updatedAt,
        List<EvidenceItem> items,
        List<ProbableOrigin> probableOrigin) {

    public IncidentEvidence {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        items = items == null ? List.of() : List.copyOf(items);
        probableOrigin = probableOrigin == null ? List.of() : List.copyOf(probableOrigin);
    }

    /** No evidence yet. */
    public static IncidentEvidence empty(String incidentId, Instant at) {
        return new IncidentEvidence(incidentId, 0, at, List.of(), List.of());
    }
}
