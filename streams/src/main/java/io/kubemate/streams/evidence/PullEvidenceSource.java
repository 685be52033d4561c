package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Evidence pulled from outside backends (Loki, Jaeger, Prometheus) for an incident. Calls return at once; the work
 * runs elsewhere, with its own timeouts, and a slow or dead backend only means fewer items.
 */
@FunctionalInterface
public interface PullEvidenceSource {
    /** Nothing configured. */
    PullEvidenceSource NONE =
            (incidentId, services, from, to, generatorUrls) -> CompletableFuture.completedFuture(PulledEvidence.EMPTY);

    /** Evidence about {@code services} in [{@code from}, {@code to}] and about the alerts' own expressions. */
    CompletableFuture<PulledEvidence> pull(
            String incidentId, Set<String> services, Instant from, Instant to, List<String> generatorUrls);

    /**
     * What a pull returned.
     *
     * @param items ready items (metrics, spans, log templates)
     * @param traces trace evidence from pulled traces, or {@link TraceEvidence#NONE}
     * @param status per backend: {@code ok} or what went wrong
     */
    record PulledEvidence(List<EvidenceItem> items, TraceEvidence traces, Map<String, String> status) {
        public static final PulledEvidence EMPTY = new PulledEvidence(List.of(), TraceEvidence.NONE, Map.of());

        public PulledEvidence {
            items = items == null ? List.of() : List.copyOf(items);
            traces = traces == null ? TraceEvidence.NONE : traces;
            status = status == null ? Map.of() : Map.copyOf(status);
        }
    }
}
