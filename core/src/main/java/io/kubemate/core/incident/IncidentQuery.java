package io.kubemate.core.incident;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A page request over incidents, newest activity first. Filters combine with AND; a client paging with a cursor
 * sends the same filters with every page.
 *
 * @param status only incidents in this status, or all when empty
 * @param limit at most this many items (1..500)
 * @param cursor where the previous page ended, or empty for the first page
 * @param severities only incidents of one of these severities, or all when empty
 * @param service only incidents naming this service, or all when empty
 * @param scope only incidents whose scope has every one of these label values, or all when empty
 * @param since only incidents updated at or after this instant, or all when empty
 */
public record IncidentQuery(
        Optional<IncidentStatus> status,
        int limit,
        Optional<String> cursor,
        Set<Severity> severities,
        Optional<String> service,
        Map<String, String> scope,
        Optional<Instant> since) {
    public static final int MAX_LIMIT = 500;

    public IncidentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        status = Objects.requireNonNullElse(status, Optional.empty());
        cursor = Objects.requireNonNullElse(cursor, Optional.empty());
        severities = severities == null || severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        service = Objects.requireNonNullElse(service, Optional.empty());
        scope = scope == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scope));
        since = Objects.requireNonNullElse(since, Optional.empty());
    }

    /** A query without filters other than {@code status}. */
    public IncidentQuery(Optional<IncidentStatus> status, int limit, Optional<String> cursor) {
        this(status, limit, cursor, Set.of(), Optional.empty(), Map.of(), Optional.empty());
    }

    /** Whether {@code incident} passes every filter (the limit and cursor aside). */
    public boolean matches(Incident incident) {
        return status.map(s -> incident.status() == s).orElse(true)
                && (severities.isEmpty() || severities.contains(incident.severity()))
                && service.map(s -> incident.services().contains(s)).orElse(true)
                && incident.scope().entrySet().containsAll(scope.entrySet())
                && since.map(s -> !incident.updatedAt().isBefore(s)).orElse(true);
    }
}
