package io.kubemate.core.incident;

import io.kubemate.core.alert.AlertStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as a member of an incident.
 *
 * @param fingerprint the alert's fingerprint
 * @param status firing or resolved
 * @param labels sorted labels
 * @param annotations sorted annotations
 * @param startsAt when the current firing episode started
 * @param endsAt when it resolved, {@code null} while firing
 * @param generatorUrl link to the rule's source, may be {@code null}
 * @param flapCount how often it re-fired within the flap window
 * @param updatedAt the event time of its last change
 */
public record IncidentAlert(
        String fingerprint,
        AlertStatus status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        int flapCount,
        Instant updatedAt) {

    public IncidentAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        labels = sortedCopy(labels);
        annotations = sortedCopy(annotations);
    }

    public boolean isFiring() {
        return status == AlertStatus.FIRING;
    }

    private static Map<String, String> sortedCopy(Map<String, String> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
