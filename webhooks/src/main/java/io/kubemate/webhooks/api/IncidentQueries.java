package io.kubemate.webhooks.api;

import io.javalin.http.Context;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentQuery;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads and validates the API's query and path parameters; errors name the parameter. */
final class IncidentQueries {
    static final int DEFAULT_LIMIT = 50;

    private static final int MAX_VALUE_CHARS = 256;
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private IncidentQueries() {}

    static IncidentQuery listQuery(Context ctx) {
        return new IncidentQuery(
                status(ctx.queryParam("status")),
                limit(ctx.queryParam("limit")),
                cursor(ctx.queryParam("cursor")),
                severities(ctx.queryParam("severity")),
                text("service", ctx.queryParam("service")),
                scope(ctx.queryParam("scope"), ctx.queryParam("namespace")),
                since(ctx.queryParam("since")));
    }

    /** {@code severity=critical,error}: any of these. */
    private static Set<Severity> severities(String text) {
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        if (text == null || text.isEmpty()) {
            return severities;
        }
        for (String name : text.split(",", -1)) {
            Severity severity = Arrays.stream(Severity.values())
                    .filter(s -> s.wireName().equals(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "severity",
                            "severity must be a comma-separated list of critical, error, warning, info, none"));
            severities.add(severity);
        }
        return severities;
    }

    private static Optional<String> text(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > MAX_VALUE_CHARS) {
            throw new InvalidInputException(
                    parameter, parameter + " must be at most " + MAX_VALUE_CHARS + " characters");
        }
        return Optional.of(text);
    }

    /** {@code scope=cluster=prod,namespace=shop} and the shorthand {@code namespace=shop}. */
    private static Map<String, String> scope(String text, String namespace) {
        Map<String, String> scope = new TreeMap<>();
        if (text != null && !text.isEmpty()) {
            text("scope", text);
            for (String pair : text.split(",", -1)) {
                String[] parts = pair.split("=", 2);
                if (parts.length < 2 || parts[0].isBlank() || scope.put(parts[0].strip(), parts[1].strip()) != null) {
                    throw new InvalidInputException(
                            "scope", "scope must be label=value pairs separated by commas, each label once");
                }
            }
        }
        Optional<String> ns = text("namespace", namespace);
        if (ns.isPresent()) {
            String previous = scope.put("namespace", ns.get());
            if (previous != null && !previous.equals(ns.get())) {
                throw new InvalidInputException("namespace", "namespace contradicts the namespace given in scope");
            }
        }
        return scope;
    }

    /** {@code since=2026-11-25T16:00:00Z}: updated at or after. */
    private static Optional<Instant> since(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since", "since must be an ISO-8601 instant such as 2026-11-25T16:00:00Z");
        }
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
