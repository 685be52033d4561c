package io.kubemate.ingest.pull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a pull client authenticates: nothing, a bearer token, or HTTP basic auth. {@link #toString()} never shows the
 * secret.
 *
 * @param bearerToken sent as {@code Authorization: Bearer ...}; empty when unused
 * @param username basic-auth user; empty when unused
 * @param password basic-auth password; empty when unused
 */
public record PullAuth(String bearerToken, String username, String password) {
    /** No authentication. */
    public static final PullAuth NONE = new PullAuth("", "", "");

    public PullAuth {
        bearerToken = bearerToken == null ? "" : bearerToken.strip();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (!bearerToken.isEmpty() && !username.isEmpty()) {
            throw new IllegalArgumentException("use either a bearer token or basic auth, not both");
        }
        if (username.isEmpty() && !password.isEmpty()) {
            throw new IllegalArgumentException("a basic-auth password needs a username");
        }
        if (bearerToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("the bearer token must be printable ASCII without spaces");
        }
    }

    /** Authentication with a bearer token; {@link #NONE} when {@code token} is null or blank. */
    public static PullAuth bearer(String token) {
        return token == null || token.isBlank() ? NONE : new PullAuth(token, "", "");
    }

    /** HTTP basic authentication; {@link #NONE} when {@code username} is null or empty. */
    public static PullAuth basic(String username, String password) {
        return username == null || username.isEmpty() ? NONE : new PullAuth("", username, password);
    }

    /** The {@code Authorization} header value, if any. */
    Optional<String> authorization() {
        if (!bearerToken.isEmpty()) {
            return Optional.of("Bearer " + bearerToken);
        }
        if (!username.isEmpty()) {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        if (!bearerToken.isEmpty()) {
            return "PullAuth[bearer=***]";
        }
        return username.isEmpty() ? "PullAuth[none]" : "PullAuth[basic=" + username + ":***]";
    }
}
