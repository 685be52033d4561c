package io.kubemate.rag.worker;

import io.kubemate.core.evidence.IncidentEvidence;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.rca.IncidentSummary;
import io.kubemate.core.rca.RcaRequest;
import java.util.Optional;

/**
 * Makes the summary of an incident. Implementations redact before anything leaves the process, never throw for a
 * model that is down (they fall back to an extractive summary), and set {@link IncidentSummary#sequence()} to the
 * request's.
 */
@FunctionalInterface
public interface Summarizer {
    IncidentSummary summarize(Incident incident, Optional<IncidentEvidence> evidence, RcaRequest request);
}
