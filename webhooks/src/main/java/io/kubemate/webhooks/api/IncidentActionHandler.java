package io.kubemate.webhooks.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.NotFoundException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.webhooks.http.ApiTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/incidents/{id}/acknowledge|resolve|reopen|resolution|comments|grouping-feedback}: submits the action durably, then waits up to the action
 * wait for the view to show a newer snapshot. 200 with the new detail when it did, 202 with the action id when not
 * (the action is stored and will be applied).
 */
final class IncidentActionHandler implements Handler {
    private static final int MAX_ACTOR_CHARS = 200;
    private static final int MAX_NOTE_CHARS = 4_096;

    private final ActionKind kind;
    private final IncidentView view;
    private final IncidentSink sink;
    private final Clock clock;
    private final Duration wait;
    private final ObjectMapper mapper;

    IncidentActionHandler(
            ActionKind kind, IncidentView view, IncidentSink sink, Clock clock, Duration wait, ObjectMapper mapper) {
        this.kind = kind;
        this.view = view;
        this.sink = sink;
        this.clock = clock;
        this.wait = wait;
        this.mapper = mapper;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        IncidentId id = IncidentQueries.id(ctx);
        ActionRequest request = request(ctx.bodyAsBytes());
        Incident incident = view.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
        var action = new IncidentAction(
                UUID.randomUUID().toString(),
                id,
                incident.scopeKey(),
                kind,
                actor(ctx, request),
                request.note(),
                clock.instant());
        sink.submit(action);
        Optional<Incident> updated = view.awaitNewer(id, incident.version(), wait);
        if (updated.isPresent()) {
            ctx.json(IncidentJson.detail(updated.get()));
            return;
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("status", "accepted");
        accepted.put("actionId", action.actionId());
        ctx.status(202).json(accepted);
    }

    /** The actor the body names, else the name of the token the request came with (else anonymous). */
    static String actor(Context ctx, ActionRequest request) {
        if (request.actor() != null && !request.actor().isBlank()) {
            return request.actor();
        }
        return ApiTokens.principal(ctx).orElse(null);
    }

    private ActionRequest request(byte[] body) {
        if (isBlank(body)) {
            requireNote(ActionRequest.EMPTY);
            return ActionRequest.EMPTY;
        }
        ActionRequest request;
        try {
            request = mapper.readValue(body, ActionRequest.class);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(pointer(e), "expected {\"actor\": string, \"note\": string}");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("/", "the body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidInputException("/", "the body could not be read");
        }
        if (request == null) {
            request = ActionRequest.EMPTY;
        }
        check(request.actor(), "/actor", MAX_ACTOR_CHARS);
        check(request.note(), "/note", MAX_NOTE_CHARS);
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

    private static void check(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters");
        }
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null
                ? "/"
                : "/" + e.getPath().get(0).getFieldName();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
