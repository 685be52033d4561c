package io.kubemate.core.incident;

import java.util.Optional;

/**
 * A page request over incidents, newest activity first.
 *
 * @param status only incidents in this status, or all when empty
 * @param limit at most this many items (1..500)
 * @param cursor where the previous page ended, or empty for the first page
 */
public record IncidentQuery(Optional<IncidentStatus> status, int limit, Optional<String> cursor) {
    public static final int MAX_LIMIT = 500;

    public IncidentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
