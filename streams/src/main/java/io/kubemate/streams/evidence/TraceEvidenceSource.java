package io.kubemate.streams.evidence;

import java.time.Instant;
import java.util.Set;

/** Trace evidence about some services over a window. */
@FunctionalInterface
public interface TraceEvidenceSource {
    /** No traces. */
    TraceEvidenceSource NONE = (services, clusters, from, to) -> TraceEvidence.NONE;

    /**
     * Error spans, slowest spans, erroring paths and origin counts of traces touching {@code services}, in any of
     * {@code clusters} (traces that name no cluster too; all when it is empty).
     */
    TraceEvidence traces(Set<String> services, Set<String> clusters, Instant from, Instant to);
}
