package io.kubemate.webhooks.http;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One named API token and the scopes it grants. {@link #toString()} never shows the secret.
 *
 * @param name who the token belongs to (letters, digits, {@code . _ -}); actions without an actor are recorded as
 *     done by it
 * @param scopes what it may do, not empty
 * @param secret the bearer token itself, not blank
 */
public record ApiToken(String name, Set<ApiScope> scopes, String secret) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ApiToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "token name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("token '" + name + "' needs at least one scope");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("token '" + name + "' has an empty secret");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** A token with every scope: what the single {@code KUBEMATE_API_TOKEN} becomes. */
    public static ApiToken allScopes(String name, String secret) {
        return new ApiToken(name, EnumSet.allOf(ApiScope.class), secret);
    }

    public boolean grants(ApiScope scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", scopes=" + scopes + ", secret=***]";
    }
}
