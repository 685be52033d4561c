package io.kubemate.core.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as received, the value of {@code kubemate.alerts.raw} (keyed by {@link #fingerprint()}).
 *
 * @param fingerprint Alertmanager's fingerprint, or one computed from the labels when the body had none
 * @param status the alert's own status (never the group's)
 * @param labels the label set, sorted by name
 * @param annotations the annotations, sorted by name
 * @param startsAt when the alert started
 * @param endsAt when it ended; {@code null} while open (Alertmanager's {@code 0001-01-01T00:00:00Z})
 * @param generatorUrl the link back to the rule's source, may be {@code null}
 * @param groupKey Alertmanager's group key of the notification that carried it
 * @param receiver the Alertmanager receiver that sent it
 * @param receivedAt when Kubemate received it
 */
public record RawAlert(
        String fingerprint,
        AlertStatus status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        String groupKey,
        String receiver,
        Instant receivedAt) {

    public RawAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        labels = sortedCopy(labels);
        annotations = sortedCopy(annotations);
        groupKey = groupKey == null ? "" : groupKey;
        receiver = receiver == null ? "" : receiver;
    }

    /** The same alert with another status and end, as a later notification would carry it. */
    public RawAlert withStatus(AlertStatus newStatus, Instant newEndsAt, Instant newReceivedAt) {
        return new RawAlert(
                fingerprint,
                newStatus,
                labels,
                annotations,
                startsAt,
                newEndsAt,
                generatorUrl,
                groupKey,
                receiver,
                newReceivedAt);
    }

    /** The alertname label, or an empty string. */
    public String alertName() {
        return labels.getOrDefault("alertname", "");
    }

    private static Map<String, String> sortedCopy(Map<String, String> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
