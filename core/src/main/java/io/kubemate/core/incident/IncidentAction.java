package io.kubemate.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to change an incident, the value of {@code kubemate.actions}. It is applied inside the correlation
 * topology, in order with the alerts of the same scope, so state has one writer.
 *
 * @param actionId unique id of this request, for idempotence
 * @param incidentId the incident to act on
 * @param scopeKey the incident's {@link Incident#scopeKey()}: actions are routed to the incident's partition by it
 * @param kind what to do
 * @param actor who asks (free text: a user name, a token name)
 * @param note an optional note, may be empty
 * @param requestedAt when it was asked
 */
public record IncidentAction(
        String actionId,
        IncidentId incidentId,
        String scopeKey,
        ActionKind kind,
        String actor,
        String note,
        Instant requestedAt) {

    public IncidentAction {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedAt, "requestedAt");
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
        note = note == null ? "" : note;
    }
}
