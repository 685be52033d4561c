package io.kubemate.core.evidence;

import java.util.Optional;

/** Read side of incident evidence. */
public interface EvidenceView {
    /** The newest evidence of incident {@code incidentId}, if any was assembled. */
    Optional<IncidentEvidence> evidence(String incidentId);
}
