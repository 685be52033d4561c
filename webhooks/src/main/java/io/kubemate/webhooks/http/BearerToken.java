package io.kubemate.webhooks.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A required {@code Authorization: Bearer <token>}. Compares in constant time (over SHA-256 digests, so neither the
 * content nor the length of the secret leaks through timing) and never includes the token in messages or logs.
 * Public only so the module's feature packages can share it.
 */
public final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    private BearerToken(String token) {
        this.expectedDigest = sha256(token);
    }

    /** A check for {@code token}, or empty when no token is configured (the route is open). */
    public static Optional<BearerToken> of(Optional<String> token) {
        return token.filter(t -> !t.isBlank()).map(BearerToken::new);
    }

    /** Whether an {@code Authorization} header value carries the token. */
    public boolean matches(String authorization) {
        return presented(authorization)
                .map(presented -> MessageDigest.isEqual(expectedDigest, sha256(presented)))
                .orElse(false);
    }

    /** The token a {@code Bearer} {@code Authorization} header value carries, if it is one. */
    static Optional<String> presented(String authorization) {
        if (authorization == null
                || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(SCHEME.length()).strip());
    }

    /**
     * Throws 401 (with a {@code WWW-Authenticate} challenge) unless the request carries the token.
     *
     * @throws UnauthorizedResponse when the header is missing or wrong
     */
    public void require(Context ctx) {
        if (!matches(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"kubemate\"");
            throw new UnauthorizedResponse("a valid 'Authorization: Bearer <token>' header is required");
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
