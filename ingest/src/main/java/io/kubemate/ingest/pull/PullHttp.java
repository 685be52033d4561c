package io.kubemate.ingest.pull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.UnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One backend's HTTP GET + JSON: headers (auth, tenant), a timeout for the whole exchange, a bounded body, and the
 * translation of every failure into {@link UnavailableException} (timeouts, refused connections, 429 and 5xx), {@link
 * QueryRejectedException} (other 4xx), {@link MalformedResponseException} or {@link ResponseTooLargeException}.
 * Messages name the backend and the path, never headers or credentials.
 */
final class PullHttp {
    /** Bytes of an error body read for its message. */
    static final int ERROR_BODY_BYTES = 8 * 1024;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int DETAIL_CHARS = 300;

    private final HttpClient client;
    private final String name;
    private final String baseUrl;
    private final List<String> headers;
    private final Duration timeout;
    private final long maxBytes;
    private final ObjectMapper mapper;

    /**
     * @param client the shared client
     * @param name the backend's name in messages ({@code loki})
     * @param baseUrl base URL without trailing slash; paths are appended to it
     * @param auth how to authenticate
     * @param extraHeaders further headers ({@code X-Scope-OrgID})
     * @param timeout how long one exchange, body included, may take
     * @param maxBytes the largest successful body read
     */
    PullHttp(
            HttpClient client,
            String name,
            String baseUrl,
            PullAuth auth,
            Map<String, String> extraHeaders,
            Duration timeout,
            long maxBytes,
            ObjectMapper mapper) {
        this.client = client;
        this.name = name;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.mapper = mapper;
        List<String> h = new ArrayList<>(List.of("Accept", "application/json", "User-Agent", "kubemate-pull"));
        auth.authorization().ifPresent(value -> h.addAll(List.of("Authorization", value)));
        extraHeaders.forEach((k, v) -> h.addAll(List.of(k, v)));
        this.headers = List.copyOf(h);
    }

    /** A client for the pull backends: HTTP/1.1, no redirects, the given connect timeout. */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** The backend's name in messages. */
    String name() {
        return name;
    }

    /** The JSON object that {@code GET path?params} answers with 2xx. */
    JsonNode getJson(String path, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(uri(path, params))
                .timeout(timeout)
                .headers(headers.toArray(String[]::new))
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, this::subscriber);
        HttpResponse<byte[]> response = await(future, path);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body(), path, status);
        }
        String detail = errorDetail(response.body());
        if (status == 429 || status >= 500) {
            throw new UnavailableException(
                    name + " answered " + status + " to " + path + detail, retryAfter(response), null);
        }
        throw new QueryRejectedException(name + " rejected the query to " + path + " with " + status + detail, status);
    }

    URI uri(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (info.statusCode() >= 200 && info.statusCode() < 300) {
            return new BoundedBodySubscriber(
                    maxBytes,
                    declared,
                    () -> new ResponseTooLargeException(name + " answered with more than " + maxBytes
                            + " bytes; narrow the query or raise the limit"));
        }
        return new BoundedBodySubscriber(ERROR_BODY_BYTES, declared, null);
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> future, String path) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(path, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnavailableException(name + ": the query to " + path + " was cancelled", RETRY_AFTER, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), path);
        }
    }

    private BackendTimeoutException timedOut(String path, Throwable cause) {
        return new BackendTimeoutException(
                name + " gave no complete answer to " + path + " within " + timeout.toMillis() + " ms",
                RETRY_AFTER,
                cause);
    }

    private KubemateException translate(Throwable failure, String path) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new BackendTimeoutException(
                    name + " could not be connected to within the connect timeout", RETRY_AFTER, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(path, cause);
        }
        if (cause instanceof ConnectException) {
            return new UnavailableException(name + " refused the connection (" + baseUrl + ")", RETRY_AFTER, cause);
        }
        if (cause instanceof IOException) {
            return new UnavailableException(
                    name + ": I/O error on " + path + ": " + cause.getClass().getSimpleName() + " "
                            + cause.getMessage(),
                    RETRY_AFTER,
                    cause);
        }
        return new KubemateException(name + ": the query to " + path + " failed: " + cause, cause);
    }

    private JsonNode parse(byte[] body, String path, int status) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedResponseException(
                        name + " answered " + status + " to " + path + " with something that is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new MalformedResponseException(
                    name + " answered " + status + " to " + path + " with malformed JSON" + where, e);
        } catch (IOException e) {
            throw new MalformedResponseException(name + " answered " + path + " with an unreadable body", e);
        }
    }

    /** ": message" from an error body: Prometheus' {@code error}, Jaeger's {@code errors[].msg}, or the text. */
    private String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String detail = text;
        try {
            JsonNode root = mapper.readTree(body);
            if (root != null && root.isObject()) {
                detail = jsonErrorMessage(root, text);
            }
        } catch (IOException e) {
            // not JSON: Loki and proxies answer errors as plain text
        }
        return ": " + Texts.oneLine(detail, DETAIL_CHARS);
    }

    private static String jsonErrorMessage(JsonNode root, String fallback) {
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            String type = root.path("errorType").asText("");
            return type.isEmpty() ? error.asText() : type + ": " + error.asText();
        }
        if (error.path("message").isTextual()) {
            return error.path("message").asText();
        }
        JsonNode errors = root.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(e.path("msg").asText(e.toString())));
            return String.join("; ", messages);
        }
        if (root.path("message").isTextual()) {
            return root.path("message").asText();
        }
        return fallback;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(RETRY_AFTER);
    }
}
