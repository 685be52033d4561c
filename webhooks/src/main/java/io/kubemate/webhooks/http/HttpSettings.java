package io.kubemate.webhooks.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP edge. The configuration loader fills it; nothing here reads the environment.
 *
 * @param host interface to bind (default {@code 0.0.0.0})
 * @param port port to bind (default 8080, {@code KUBEMATE_HTTP_PORT}); 0 picks a free port
 * @param maxBodyBytes largest accepted request body (default 1 MiB); larger ones get 413
 * @param webhookToken bearer token that {@code POST /webhooks/alertmanager} requires when present
 *     ({@code KUBEMATE_WEBHOOK_TOKEN}); blank counts as absent
 * @param apiToken bearer token that every {@code /api/*} route requires when present ({@code KUBEMATE_API_TOKEN});
 *     blank counts as absent
 * @param actionWait how long acknowledge/resolve wait for the incident view to show the change before answering 202
 *     (default 3 s; zero answers 202 at once)
 * @param apiTokens named tokens with scopes ({@code KUBEMATE_API_TOKENS}, see {@link ApiTokens#parse}); they are
 *     accepted beside {@code apiToken}, which counts as a token named {@value #SINGLE_TOKEN_NAME} with every scope
 */
public record HttpSettings(
        String host,
        int port,
        long maxBodyBytes,
        Optional<String> webhookToken,
        Optional<String> apiToken,
        Duration actionWait,
        List<ApiToken> apiTokens) {
    /** The name the single {@code KUBEMATE_API_TOKEN} gets (actions without an actor are recorded under it). */
    public static final String SINGLE_TOKEN_NAME = "api-token";

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_ACTION_WAIT = Duration.ofSeconds(3);

    public HttpSettings {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        webhookToken = nonBlank(webhookToken);
        apiToken = nonBlank(apiToken);
        actionWait = actionWait == null ? DEFAULT_ACTION_WAIT : actionWait;
        if (actionWait.isNegative()) {
            throw new IllegalArgumentException("actionWait must not be negative");
        }
        apiTokens = apiTokens == null ? List.of() : List.copyOf(apiTokens);
    }

    /** Settings without named API tokens (only the single {@code apiToken}, if any). */
    public HttpSettings(
            String host,
            int port,
            long maxBodyBytes,
            Optional<String> webhookToken,
            Optional<String> apiToken,
            Duration actionWait) {
        this(host, port, maxBodyBytes, webhookToken, apiToken, actionWait, List.of());
    }

    /** Every default: {@code 0.0.0.0:8080}, 1 MiB bodies, no tokens, 3 s action wait. */
    public static HttpSettings defaults() {
        return new HttpSettings(
                DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, Optional.empty(), Optional.empty(), null);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, maxBodyBytes, webhookToken, apiToken, actionWait, apiTokens);
    }

    public HttpSettings withHost(String newHost) {
        return new HttpSettings(newHost, port, maxBodyBytes, webhookToken, apiToken, actionWait, apiTokens);
    }

    public HttpSettings withMaxBodyBytes(long bytes) {
        return new HttpSettings(host, port, bytes, webhookToken, apiToken, actionWait, apiTokens);
    }

    public HttpSettings withWebhookToken(String token) {
        return new HttpSettings(host, port, maxBodyBytes, Optional.ofNullable(token), apiToken, actionWait, apiTokens);
    }

    public HttpSettings withApiToken(String token) {
        return new HttpSettings(
                host, port, maxBodyBytes, webhookToken, Optional.ofNullable(token), actionWait, apiTokens);
    }

    public HttpSettings withActionWait(Duration wait) {
        return new HttpSettings(host, port, maxBodyBytes, webhookToken, apiToken, wait, apiTokens);
    }

    public HttpSettings withApiTokens(List<ApiToken> tokens) {
        return new HttpSettings(host, port, maxBodyBytes, webhookToken, apiToken, actionWait, tokens);
    }

    /** Every API token: the named ones plus the single one (with every scope) when set. */
    public List<ApiToken> allApiTokens() {
        List<ApiToken> all = new ArrayList<>(apiTokens);
        apiToken.ifPresent(secret -> all.add(ApiToken.allScopes(SINGLE_TOKEN_NAME, secret)));
        return all;
    }

    /** Hides the tokens: settings get logged. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", webhookToken="
                + (webhookToken.isPresent() ? "***" : "none") + ", apiToken=" + (apiToken.isPresent() ? "***" : "none")
                + ", actionWait=" + actionWait + ", apiTokens=" + apiTokens + "]";
    }

    private static Optional<String> nonBlank(Optional<String> token) {
        return Objects.requireNonNullElse(token, Optional.<String>empty()).filter(t -> !t.isBlank());
    }
}
