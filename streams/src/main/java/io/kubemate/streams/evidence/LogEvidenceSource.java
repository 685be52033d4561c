package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import java.time.Instant;
import java.util.List;

/** Log template evidence of one service over a window, as recent logs show it. */
@FunctionalInterface
public interface LogEvidenceSource {
    /** No logs. */
    LogEvidenceSource NONE = (service, from, to, baselineFrom, max) -> List.of();

    /**
     * At most {@code max} {@code log-template} items of {@code service} in [{@code from}, {@code to}], new and surging
     * templates (against [{@code baselineFrom}, {@code from})) and warnings or errors first; keys are stable per
     * template ({@code log-template/<service>/<template id>}), ids are left empty.
     */
    List<EvidenceItem> logTemplates(String service, Instant from, Instant to, Instant baselineFrom, int max);
}
