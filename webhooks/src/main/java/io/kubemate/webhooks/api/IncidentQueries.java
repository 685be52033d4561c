package io.kubemate.webhooks.api;

import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentStatus;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and validates the API's query and path parameters; errors name the parameter. */
final class IncidentQueries {
    static final int DEFAULT_LIMIT = 50;

    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private IncidentQueries() {}

    static IncidentQuery listQuery(Context ctx) {
        return new IncidentQuery(
                status(ctx.queryParam("status")), limit(ctx.queryParam("limit")), cursor(ctx.queryParam("cursor")));
    }

    static IncidentId id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!IncidentId.isValid(id)) {
            throw new InvalidInputException("id", "not an incident id: expected 'inc-' and 16 hex digits");
        }
        return new IncidentId(id);
    }

    private static Optional<IncidentStatus> status(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IncidentStatus.fromWireName(text)
                .orElseThrow(() ->
                        new InvalidInputException("status", "status must be one of open, acknowledged, resolved")));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > IncidentQuery.MAX_LIMIT) {
            throw new InvalidInputException(
                    "limit", "limit must be a whole number from 1 to " + IncidentQuery.MAX_LIMIT);
        }
        return limit;
    }

    private static Optional<String> cursor(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (!CURSOR.matcher(text).matches()) {
            throw new InvalidInputException("cursor", "cursor is not one this server issued");
        }
        return Optional.of(text);
    }
}
