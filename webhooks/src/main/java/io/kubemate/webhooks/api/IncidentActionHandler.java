package io.kubemate.webhooks.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentView;
import java.time.Clock;
import java.util.UUID;

/**
 * {@code POST /api/v1/incidents/{id}/acknowledge|resolve|reopen|resolution|comments|grouping-feedback}: submits the
 * action durably and answers as {@link ActionSubmission} says. Reopening a merged incident is a 409.
 */
final class IncidentActionHandler implements Handler {
    private final ActionKind kind;
    private final IncidentView view;
    private final Clock clock;
    private final ActionSubmission submission;

    IncidentActionHandler(ActionKind kind, IncidentView view, Clock clock, ActionSubmission submission) {
        this.kind = kind;
        this.view = view;
        this.clock = clock;
        this.submission = submission;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        IncidentId id = IncidentQueries.id(ctx);
        ActionRequest request = request(ctx.bodyAsBytes());
        Incident incident = view.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
        if (kind == ActionKind.REOPEN) {
            ActionSubmission.requireNotMerged(incident);
        }
        var action = new IncidentAction(
                UUID.randomUUID().toString(),
                id,
                incident.scopeKey(),
                kind,
                ActionSubmission.actor(ctx, request.actor()),
                request.note(),
                clock.instant());
        submission.submit(ctx, incident, action);
    }

    private ActionRequest request(byte[] body) {
        ActionRequest request = submission.read(body, ActionRequest.class, "{\"actor\": string, \"note\": string}");
        if (request == null) {
            request = ActionRequest.EMPTY;
        }
        ActionSubmission.checkActorAndNote(request.actor(), request.note());
        requireNote(request);
        return request;
    }

    /** Resolution notes, comments and grouping feedback are their note: without one they would record nothing. */
    private void requireNote(ActionRequest request) {
        if (request.note() != null && !request.note().isBlank()) {
            return;
        }
        switch (kind) {
            case NOTE -> throw new InvalidInputException("/note", "a resolution needs a note: how it was fixed");
            case COMMENT -> throw new InvalidInputException("/note", "a comment needs a note: the comment's text");
            case GROUPING_FEEDBACK -> throw new InvalidInputException(
                    "/note",
                    "grouping feedback needs a note: which alerts do not belong together, or where they belong");
            default -> {
                // acknowledge, resolve and reopen need nothing
            }
        }
    }
}
