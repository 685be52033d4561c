package io.kubemate.streams.rca;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the request processor remembers of an incident: what it looked like at the last material change, whether a
 * request is pending and since when, and the last request's sequence. Times are wall-clock milliseconds; {@code 0}
 * means none.
 */
record RcaState(
        Set<String> services,
        Set<String> evidenceKinds,
        String severity,
        boolean seen,
        boolean resolved,
        long sequence,
        List<String> pendingReasons,
        long pendingSince,
        long dueAt,
        long touchedAt) {

    RcaState {
        services = services == null ? Set.of() : Set.copyOf(new TreeSet<>(services));
        evidenceKinds = evidenceKinds == null ? Set.of() : Set.copyOf(new TreeSet<>(evidenceKinds));
        severity = severity == null ? "" : severity;
        pendingReasons = pendingReasons == null ? List.of() : List.copyOf(pendingReasons);
    }

    static RcaState empty() {
        return new RcaState(Set.of(), Set.of(), "", false, false, 0, List.of(), 0, 0, 0);
    }

    boolean isPending() {
        return pendingSince > 0;
    }
}
