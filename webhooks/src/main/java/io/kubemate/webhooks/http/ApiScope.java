package io.kubemate.webhooks.http;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do. Scopes are independent grants, not levels: a token holds exactly the scopes it was
 * configured with ({@code KUBEMATE_API_TOKENS}); the single {@code KUBEMATE_API_TOKEN} holds all three.
 */
public enum ApiScope {
    /** Reading incidents, the service graph, models and the OpenAPI document ({@code GET /api/*}). */
    READ,
    /** Acting on incidents: acknowledge, resolve, reopen, notes, comments, feedback. */
    WRITE,
    /** Restructuring incidents: merge and split (they cannot be undone through the API). */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code read}, {@code write} or {@code admin}. */
    public static Optional<ApiScope> fromWireName(String text) {
        for (ApiScope scope : values()) {
            if (scope.wireName().equals(text)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
