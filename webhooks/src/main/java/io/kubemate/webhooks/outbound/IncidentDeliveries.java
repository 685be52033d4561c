package io.kubemate.webhooks.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The delivery log of one incident, the value on the compacted deliveries topic (keyed by incident id): its latest
 * {@link #MAX_ATTEMPTS} attempts, oldest first.
 *
 * @param incidentId the incident
 * @param sequence how many attempts were ever logged; a reader keeps the value with the highest
 * @param attempts the latest attempts, oldest first
 */
record IncidentDeliveries(String incidentId, long sequence, List<DeliveryAttempt> attempts) {
    static final int MAX_ATTEMPTS = 100;

    IncidentDeliveries {
        Objects.requireNonNull(incidentId, "incidentId");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    static IncidentDeliveries empty(String incidentId) {
        return new IncidentDeliveries(incidentId, 0, List.of());
    }

    IncidentDeliveries with(DeliveryAttempt attempt) {
        List<DeliveryAttempt> kept = new ArrayList<>(attempts);
        kept.add(attempt);
        while (kept.size() > MAX_ATTEMPTS) {
            kept.remove(0);
        }
        return new IncidentDeliveries(incidentId, sequence + 1, kept);
    }
}
