package io.kubemate.webhooks.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentView;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/incidents/{id}/merge} and {@code .../split}: checked against the view here (so a request that
 * cannot apply is a 400, 404 or 409 before anything is written), applied by the correlation topology (ADR 0011).
 */
final class MergeSplitHandler {
    static final int MAX_SPLIT_ALERTS = 1_000;

    /** {@code {"other": id, "actor": string, "note": string}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MergeRequest(String other, String actor, String note) {}

    /** {@code {"alerts": [fingerprint], "actor": string, "note": string}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SplitRequest(List<String> alerts, String actor, String note) {}

    private final IncidentView view;
    private final Clock clock;
    private final ActionSubmission submission;

    MergeSplitHandler(IncidentView view, Clock clock, ActionSubmission submission) {
        this.view = view;
        this.clock = clock;
        this.submission = submission;
    }

    /** Moves the other incident's alerts into this one and closes the other as merged. */
    void merge(Context ctx) throws InterruptedException {
        IncidentId id = IncidentQueries.id(ctx);
        MergeRequest request = submission.read(
                ctx.bodyAsBytes(), MergeRequest.class, "{\"other\": incident id, \"actor\": string, \"note\": string}");
        if (request == null || request.other() == null || request.other().isBlank()) {
            throw new InvalidInputException("/other", "name the incident to merge into this one: {\"other\": id}");
        }
        if (!IncidentId.isValid(request.other())) {
            throw new InvalidInputException("/other", "not an incident id: expected 'inc-' and 16 hex digits");
        }
        IncidentId otherId = new IncidentId(request.other());
        if (otherId.equals(id)) {
            throw new InvalidInputException("/other", "an incident cannot be merged into itself");
        }
        ActionSubmission.checkActorAndNote(request.actor(), request.note());
        Incident target = found(id);
        Incident other = found(otherId);
        ActionSubmission.requireNotMerged(target);
        ActionSubmission.requireNotMerged(other);
        if (!target.scopeKey().equals(other.scopeKey())) {
            throw new ConflictResponse(id + " (" + target.scopeKey() + ") and " + otherId + " (" + other.scopeKey()
                    + ") are correlated in different partitions (KUBEMATE_PARTITION_BY); only incidents with the"
                    + " same scopeKey can be merged");
        }
        var action = new IncidentAction(
                UUID.randomUUID().toString(),
                id,
                target.scopeKey(),
                ActionKind.MERGE,
                ActionSubmission.actor(ctx, request.actor()),
                request.note(),
                clock.instant(),
                otherId,
                List.of());
        submission.submit(ctx, target, action);
    }

    /** Moves the named alerts of this incident into a new one; {@code Location} names the new incident. */
    void split(Context ctx) throws InterruptedException {
        IncidentId id = IncidentQueries.id(ctx);
        SplitRequest request = submission.read(
                ctx.bodyAsBytes(),
                SplitRequest.class,
                "{\"alerts\": [fingerprint], \"actor\": string, \"note\": string}");
        if (request == null || request.alerts() == null || request.alerts().isEmpty()) {
            throw new InvalidInputException(
                    "/alerts", "name the alerts to move to a new incident: {\"alerts\": [fingerprint]}");
        }
        if (request.alerts().size() > MAX_SPLIT_ALERTS) {
            throw new InvalidInputException("/alerts", "at most " + MAX_SPLIT_ALERTS + " alerts per split");
        }
        ActionSubmission.checkActorAndNote(request.actor(), request.note());
        Incident incident = found(id);
        ActionSubmission.requireNotMerged(incident);
        Set<String> members =
                incident.alerts().stream().map(IncidentAlert::fingerprint).collect(Collectors.toSet());
        Set<String> moving = new LinkedHashSet<>();
        for (int i = 0; i < request.alerts().size(); i++) {
            String fingerprint = request.alerts().get(i);
            if (fingerprint == null || !members.contains(fingerprint)) {
                throw new InvalidInputException("/alerts/" + i, "not the fingerprint of an alert of " + id);
            }
            moving.add(fingerprint);
        }
        if (moving.size() == members.size()) {
            throw new InvalidInputException("/alerts", "a split must leave at least one alert in " + id);
        }
        var action = new IncidentAction(
                UUID.randomUUID().toString(),
                id,
                incident.scopeKey(),
                ActionKind.SPLIT,
                ActionSubmission.actor(ctx, request.actor()),
                request.note(),
                clock.instant(),
                null,
                List.copyOf(moving));
        ctx.header("Location", IncidentRoutes.BASE + "/incidents/" + action.splitIncidentId());
        submission.submit(ctx, incident, action);
    }

    private Incident found(IncidentId id) {
        return view.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
    }
}
