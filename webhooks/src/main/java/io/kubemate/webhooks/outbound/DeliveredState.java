package io.kubemate.webhooks.outbound;

import io.kubemate.core.incident.IncidentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What a route was last told about an incident, kept on the compacted state topic under {@link #key()}: a delivery
 * is settled (sent, or given up after the last attempt) before its state is written, and the state before the
 * incident's offset is committed.
 *
 * @param route the route's name
 * @param incidentId the incident
 * @param version the snapshot version last settled
 * @param status the status the route was told
 * @param signature {@link IncidentEvent#signature} of that snapshot
 * @param delivered whether the receiver accepted it ({@code false}: given up)
 * @param at when it was settled
 */
record DeliveredState(
        String route,
        String incidentId,
        long version,
        IncidentStatus status,
        String signature,
        boolean delivered,
        Instant at) {
    DeliveredState {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(at, "at");
    }

    static String key(String route, String incidentId) {
        return route + "/" + incidentId;
    }

    String key() {
        return key(route, incidentId);
    }
}
