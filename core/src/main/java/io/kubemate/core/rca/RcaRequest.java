package io.kubemate.core.rca;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to (re-)summarise an incident, the value of {@code kubemate.rca.requests} (keyed by incident id). It
 * carries no incident data: the worker reads the newest incident and evidence when it gets to it, so a request that
 * waited still summarises what is true now.
 *
 * @param incidentId the incident
 * @param sequence increases with every request for the incident; a worker skips a request older than the newest
 *     summary's
 * @param reasons why: {@code opened}, {@code service:<name>}, {@code evidence:<kind>}, {@code severity:<level>}
 * @param requestedAt when the streams emitted it
 */
public record RcaRequest(String incidentId, long sequence, List<String> reasons, Instant requestedAt) {
    public RcaRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
