package io.kubemate.core.rca;

import java.util.Optional;

/** Read side of root-cause summaries. */
public interface SummaryView {
    /** None. */
    SummaryView NONE = incidentId -> Optional.empty();

    /** The newest summary of incident {@code incidentId}, if one was made. */
    Optional<IncidentSummary> summary(String incidentId);
}
