package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Log template evidence of one service over a window, as recent logs show it. */
@FunctionalInterface
public interface LogEvidenceSource {
    /** No logs. */
    LogEvidenceSource NONE = (service, clusters, from, to, baselineFrom, max) -> List.of();

    /**
     * At most {@code max} {@code log-template} items of {@code service} in [{@code from}, {@code to}], new and surging
     * templates (against [{@code baselineFrom}, {@code from})) and warnings or errors first; keys are stable per
     * template ({@code log-template/<service>[@<cluster>]/<template id>}), ids are left empty. Only logs of {@code
     * clusters} count (and logs that name no cluster); all when it is empty.
     */
    List<EvidenceItem> logTemplates(
            String service, Set<String> clusters, Instant from, Instant to, Instant baselineFrom, int max);
}
