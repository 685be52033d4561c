package io.kubemate.core.topic;

import java.util.Objects;

/**
 * Names and sizes of Kubemate's topics.
 *
 * @param alertsRaw received alerts, one record per alert, keyed by fingerprint
 * @param incidents incident snapshots without their member alerts, compacted, keyed by incident id
 * @param incidentAlerts member alerts of incidents, compacted, keyed by {@link
 *     io.kubemate.core.incident.IncidentId#memberKey(String)}
 * @param actions actions on incidents (acknowledge, resolve, reopen), keyed by incident id
 * @param deadLetter records that could not be read or processed, with error headers
 * @param partitions partition count of the topics Kubemate creates
 * @param replicationFactor replication factor of the topics Kubemate creates
 */
public record TopicSettings(
        String alertsRaw,
        String incidents,
        String incidentAlerts,
        String actions,
        String deadLetter,
        int partitions,
        short replicationFactor) {

    public TopicSettings {
        Objects.requireNonNull(alertsRaw, "alertsRaw");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(incidentAlerts, "incidentAlerts");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(deadLetter, "deadLetter");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1");
        }
    }

    /** The defaults: {@code kubemate.*} names, 6 partitions, replication 1 (the embedded broker's). */
    public static TopicSettings defaults() {
        return new TopicSettings(
                "kubemate.alerts.raw",
                "kubemate.incidents",
                "kubemate.incident-alerts",
                "kubemate.actions",
                "kubemate.dead-letter",
                6,
                (short) 1);
    }
}
