package io.kubemate.webhooks.alertmanager;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.kubemate.core.alert.AlertSink;
import io.kubemate.core.alert.RawAlert;
import io.kubemate.core.error.InvalidInputException;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.alertmanager.WebhookMetrics.Outcome;
import io.kubemate.webhooks.http.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/alertmanager}. Checks run cheapest first (token, media type, content encoding, declared
 * length) and nothing of a rejected request reaches the sink. The answer is 200 {@code {"accepted": N}} only after the sink returned.
 */
final class AlertmanagerWebhookHandler implements Handler {
    private final AlertmanagerWebhookParser parser;
    private final AlertSink sink;
    private final Optional<BearerToken> token;
    private final long maxBodyBytes;
    private final WebhookMetrics metrics;

    AlertmanagerWebhookHandler(
            AlertmanagerWebhookParser parser,
            AlertSink sink,
            Optional<BearerToken> token,
            long maxBodyBytes,
            WebhookMetrics metrics) {
        this.parser = parser;
        this.sink = sink;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String receiver = WebhookMetrics.UNKNOWN_RECEIVER;
        try {
            token.ifPresent(t -> t.require(ctx));
            requireJson(ctx.header("Content-Type"));
            requireIdentity(ctx.header("Content-Encoding"));
            List<RawAlert> alerts = parser.parse(readBounded(ctx));
            receiver = alerts.isEmpty() ? receiver : alerts.get(0).receiver();
            sink.appendAll(alerts);
            metrics.accepted(receiver, alerts.size());
            ctx.json(Map.of("accepted", alerts.size()));
        } catch (RuntimeException | IOException e) {
            // counted here, answered by the server's one exception mapper
            metrics.failed(receiver, outcomeOf(e));
            throw e;
        }
    }

    /** Alertmanager always sends {@code application/json}; a missing type is tolerated for hand-made requests. */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new UnsupportedMediaTypeResponse(
                    "Content-Type must be application/json, not '" + printable(mediaType) + "'");
        }
    }

    /**
     * Alertmanager sends plain JSON. An encoded body (gzip, br, ...) would otherwise be parsed as if it were JSON and
     * rejected as malformed, or, with an encoding name the sender made up, accepted as is: refuse it as what it is.
     */
    private static void requireIdentity(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return;
        }
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity")) {
            throw new UnsupportedMediaTypeResponse(
                    "Content-Encoding '" + printable(encoding) + "' is not supported; Alertmanager sends plain JSON");
        }
    }

    /** A header value safe to echo in an error message: short, printable ASCII. */
    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Reads at most {@code maxBodyBytes}, also for chunked bodies whose length is not declared. */
    private byte[] readBounded(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    private ContentTooLargeResponse tooLarge() {
        return new ContentTooLargeResponse("the body is larger than " + maxBodyBytes
                + " bytes; lower max_alerts on the Alertmanager receiver or raise the limit");
    }

    private static Outcome outcomeOf(Exception e) {
        if (e instanceof InvalidInputException) {
            return Outcome.INVALID;
        }
        if (e instanceof UnavailableException) {
            return Outcome.UNAVAILABLE;
        }
        if (e instanceof HttpResponseException response) {
            return switch (response.getStatus()) {
                case 401 -> Outcome.UNAUTHORIZED;
                case 413 -> Outcome.BODY_TOO_LARGE;
                case 415 -> Outcome.UNSUPPORTED_MEDIA_TYPE;
                default -> Outcome.ERROR;
            };
        }
        return Outcome.ERROR;
    }
}
