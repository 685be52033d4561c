package io.kubemate.webhooks.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAction;
import io.kubemate.core.incident.IncidentSink;
import io.kubemate.core.incident.IncidentView;
import io.kubemate.webhooks.http.ApiTokens;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every incident action route shares: reading its JSON body (errors name the field), who acts, and submitting
 * the action durably then waiting up to the action wait for the view to show a newer snapshot of the incident: 200
 * with the new detail when it did, 202 with the action id when not (the action is stored and will be applied).
 */
final class ActionSubmission {
    static final int MAX_ACTOR_CHARS = 200;
    static final int MAX_NOTE_CHARS = 4_096;

    private final IncidentView view;
    private final IncidentSink sink;
    private final Duration wait;
    private final ObjectMapper mapper;

    ActionSubmission(IncidentView view, IncidentSink sink, Duration wait, ObjectMapper mapper) {
        this.view = view;
        this.sink = sink;
        this.wait = wait;
        this.mapper = mapper;
    }

    /** Submits {@code action} on {@code incident} (as the view showed it) and answers. */
    void submit(Context ctx, Incident incident, IncidentAction action) throws InterruptedException {
        sink.submit(action);
        Optional<Incident> updated = view.awaitNewer(incident.id(), incident.version(), wait);
        if (updated.isPresent()) {
            ctx.json(IncidentJson.detail(updated.get()));
            return;
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("status", "accepted");
        accepted.put("actionId", action.actionId());
        ctx.status(202).json(accepted);
    }

    /**
     * The body as {@code type}, or null when it is blank.
     *
     * @throws InvalidInputException naming the field (a JSON pointer) that does not fit, with {@code expected}
     */
    <T> T read(byte[] body, Class<T> type, String expected) {
        if (isBlank(body)) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(pointer(e), "expected " + expected);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("/", "the body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidInputException("/", "the body could not be read");
        }
    }

    /** The actor the body names, else the name of the token the request came with (null: anonymous). */
    static String actor(Context ctx, String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return ApiTokens.principal(ctx).orElse(null);
    }

    /** Checks the actor and note every action body may carry. */
    static void checkActorAndNote(String actor, String note) {
        check(actor, "/actor", MAX_ACTOR_CHARS);
        check(note, "/note", MAX_NOTE_CHARS);
    }

    /** Refuses to act on an incident that was merged into another: it holds no alerts any more. */
    static void requireNotMerged(Incident incident) {
        if (incident.isMerged()) {
            throw new ConflictResponse(
                    incident.id() + " was merged into " + incident.mergedInto() + "; act on that incident instead");
        }
    }

    private static void check(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters");
        }
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
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
