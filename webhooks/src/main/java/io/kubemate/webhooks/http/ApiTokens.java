package io.kubemate.webhooks.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API's tokens and the checks on {@code /api/*}: who presents a token (401 when nobody known) and whether it
 * grants a route's scope (403 when not). With no token configured the API is open and every request holds every
 * scope. Secrets are compared in constant time over SHA-256 digests, against every configured token whatever
 * matches first, and never appear in messages or logs.
 */
public final class ApiTokens {
    /** The request attribute holding the name of the token that authenticated the request. */
    static final String PRINCIPAL = "kubemate.apiToken";

    private final List<ApiToken> tokens;
    private final List<byte[]> digests;

    public ApiTokens(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
        this.digests =
                this.tokens.stream().map(t -> BearerToken.sha256(t.secret())).toList();
        Set<String> names = new HashSet<>();
        for (ApiToken token : this.tokens) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("token name '" + token.name() + "' is used twice");
            }
        }
        for (int i = 0; i < digests.size(); i++) {
            for (int j = i + 1; j < digests.size(); j++) {
                if (MessageDigest.isEqual(digests.get(i), digests.get(j))) {
                    throw new IllegalArgumentException(
                            "tokens '" + this.tokens.get(i).name() + "' and '"
                                    + this.tokens.get(j).name() + "' have the same secret");
                }
            }
        }
    }

    /**
     * Parses {@code KUBEMATE_API_TOKENS}: entries {@code name:scope[,scope...]:secret} separated by {@code ;} (or
     * new lines), e.g. {@code ops:read,write:s3cr3t;grafana:read:an0ther}. The secret is everything after the second
     * colon. Blank text gives no tokens.
     *
     * @throws IllegalArgumentException naming the entry (by position and name, never by secret) that is wrong
     */
    public static List<ApiToken> parse(String spec) {
        List<ApiToken> tokens = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return tokens;
        }
        int position = 0;
        for (String entry : spec.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            position++;
            int at = position;
            String[] parts = entry.strip().split(":", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException(
                        "entry " + position + " is not name:scopes:token (scopes from read, write, admin)");
            }
            Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
            for (String scope : parts[1].split(",")) {
                scopes.add(ApiScope.fromWireName(scope.strip())
                        .orElseThrow(() -> new IllegalArgumentException("entry " + at + " ('" + parts[0] + "'): scope '"
                                + scope.strip() + "' is not one of read, write, admin")));
            }
            try {
                tokens.add(new ApiToken(parts[0].strip(), scopes, parts[2].strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + position + ": " + e.getMessage(), e);
            }
        }
        return tokens;
    }

    /** Whether any token is configured (otherwise the API is open). */
    public boolean isEnabled() {
        return !tokens.isEmpty();
    }

    /** The token an {@code Authorization} header value carries, if it is one of ours. */
    public Optional<ApiToken> identify(String authorization) {
        Optional<String> secret = BearerToken.presented(authorization);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = BearerToken.sha256(secret.get());
        ApiToken found = null;
        // no early exit: the time taken does not tell which (or whether a) token matched
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented)) {
                found = tokens.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Authenticates a request to {@code /api/*}: records the token's name on the request, or throws 401 (with a
     * {@code WWW-Authenticate} challenge). Does nothing when no token is configured.
     *
     * @throws UnauthorizedResponse when the header is missing or carries no known token
     */
    void authenticate(Context ctx) {
        if (!isEnabled()) {
            return;
        }
        ApiToken token = identify(ctx.header("Authorization")).orElse(null);
        if (token == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"kubemate\"");
            throw new UnauthorizedResponse("a valid 'Authorization: Bearer <token>' header is required");
        }
        ctx.attribute(PRINCIPAL, token);
    }

    /**
     * Throws 403 unless the authenticated token grants {@code scope}. Call after {@link #authenticate}.
     *
     * @throws ForbiddenResponse naming the missing scope
     */
    void authorize(Context ctx, ApiScope scope) {
        if (!isEnabled()) {
            return;
        }
        ApiToken token = ctx.attribute(PRINCIPAL);
        if (token == null || !token.grants(scope)) {
            throw new ForbiddenResponse("this token lacks the '" + scope.wireName() + "' scope this route needs");
        }
    }

    /** The name of the token that authenticated {@code ctx}, empty on an open API. */
    public static Optional<String> principal(Context ctx) {
        ApiToken token = ctx.attribute(PRINCIPAL);
        return Optional.ofNullable(token).map(ApiToken::name);
    }
}
