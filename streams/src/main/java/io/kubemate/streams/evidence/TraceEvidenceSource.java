package io.kubemate.streams.evidence;

import java.time.Instant;
import java.util.Set;

/** Trace evidence about some services over a window. */
@FunctionalInterface
public interface TraceEvidenceSource {
    /** No traces. */
    TraceEvidenceSource NONE = (services, from, to) -> TraceEvidence.NONE;

    /** Error spans, slowest spans, erroring paths and origin counts of traces touching {@code services}. */
    TraceEvidence traces(Set<String> services, Instant from, Instant to);
}
