package io.kubemate.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to change an incident, the value of {@code kubemate.actions}. It is applied inside the correlation
 * topology, in order with the alerts of the same scope, so state has one writer.
 *
 * <p>Records written before merge and split existed lack {@code otherIncidentId} and {@code fingerprints}; they
 * read as {@code null} and an empty list.
 *
 * @param actionId unique id of this request, for idempotence
 * @param incidentId the incident to act on
 * @param scopeKey the incident's {@link Incident#scopeKey()}: actions are routed to the incident's partition by it
 * @param kind what to do
 * @param actor who asks (free text: a user name, a token name)
 * @param note an optional note, may be empty
 * @param requestedAt when it was asked
 * @param otherIncidentId for {@link ActionKind#MERGE}: the incident merged into {@code incidentId}; else {@code null}
 * @param fingerprints for {@link ActionKind#SPLIT}: the alerts moved to a new incident; else empty
 */
public record IncidentAction(
        String actionId,
        IncidentId incidentId,
        String scopeKey,
        ActionKind kind,
        String actor,
        String note,
        Instant requestedAt,
        IncidentId otherIncidentId,
        List<String> fingerprints) {

    public IncidentAction {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedAt, "requestedAt");
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
        note = note == null ? "" : note;
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
    }

    /** An action on one incident alone (anything but merge and split). */
    public IncidentAction(
            String actionId,
            IncidentId incidentId,
            String scopeKey,
            ActionKind kind,
            String actor,
            String note,
            Instant requestedAt) {
        this(actionId, incidentId, scopeKey, kind, actor, note, requestedAt, null, List.of());
    }

    /**
     * The id of the incident a {@link ActionKind#SPLIT} opens: derived from the action alone, so the API can name
     * it before the topology applies the split, and a replay opens the same incident.
     */
    public IncidentId splitIncidentId() {
        return IncidentId.derive("split:" + incidentId.value(), actionId, requestedAt.toEpochMilli());
    }
}
