package io.kubemate.webhooks.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.redact.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Sends one incident event on one route, retrying per the {@link RetryPolicy}: connection errors, timeouts, 408, 429
 * and 5xx are retried (429 and 503 after the receiver's {@code Retry-After} when given); any other answer that is not
 * 2xx ends the delivery at once. Every attempt is reported to the log callback. Blocking; runs on the outbound
 * worker's delivery threads, never on a stream thread.
 */
final class Deliverer {
    static final String USER_AGENT = "Kubemate-Outbound/1";
    private static final int MAX_ERROR_CHARS = 300;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final PagerDutyEvents pagerDuty;
    private final WebhookPayload webhook;
    private final ObjectMapper json;
    private final Redactor redactor = new Redactor();

    Deliverer(
            HttpClient client,
            Duration requestTimeout,
            RetryPolicy policy,
            Clock clock,
            Sleeper sleeper,
            DoubleSupplier random,
            IncidentLinks links,
            ObjectMapper json) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.pagerDuty = new PagerDutyEvents(links);
        this.webhook = new WebhookPayload(links);
        this.json = json;
    }

    /**
     * Delivers {@code event} of {@code incident} on {@code route}, which was last told {@code last} ({@code null}:
     * never), reporting each attempt to {@code log}.
     *
     * @return whether the receiver accepted everything (false: given up after the last allowed attempt)
     * @throws InterruptedException when shut down meanwhile; the delivery is then not settled
     */
    boolean deliver(
            OutboundRoute route,
            Incident incident,
            IncidentEvent event,
            DeliveredState last,
            Consumer<DeliveryAttempt> log)
            throws InterruptedException {
        for (Outgoing outgoing : requests(route, incident, event, last)) {
            if (!send(route, incident.version(), outgoing, log)) {
                return false;
            }
        }
        return true;
    }

    /** One request to send, built anew for every attempt (a webhook signature carries the attempt's time). */
    private record Outgoing(String event, String deliveryId, URI url, byte[] body, Map<String, String> headers) {}

    private List<Outgoing> requests(OutboundRoute route, Incident incident, IncidentEvent event, DeliveredState last) {
        List<Outgoing> requests = new ArrayList<>();
        if (route.kind() == OutboundRoute.Kind.PAGERDUTY) {
            URI enqueue = URI.create(route.url() + "/v2/enqueue");
            for (String action : PagerDutyEvents.actions(event, last)) {
                requests.add(new Outgoing(
                        action, newId(), enqueue, bytes(pagerDuty.body(action, route.secret(), incident)), Map.of()));
            }
        } else {
            String id = newId();
            requests.add(new Outgoing(
                    event.wireName(),
                    id,
                    route.url(),
                    bytes(webhook.body(event, incident)),
                    Map.of(
                            "X-Kubemate-Delivery",
                            id,
                            "X-Kubemate-Event",
                            event.wireName(),
                            "Idempotency-Key",
                            incident.id().value() + ":" + incident.version())));
        }
        return requests;
    }

    private boolean send(OutboundRoute route, long version, Outgoing outgoing, Consumer<DeliveryAttempt> log)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Result result = attempt(route, outgoing);
            boolean last = attempt >= policy.maxAttempts() || !result.retriable();
            String outcome = result.accepted()
                    ? DeliveryAttempt.DELIVERED
                    : last ? DeliveryAttempt.FAILED : DeliveryAttempt.RETRYING;
            log.accept(new DeliveryAttempt(
                    route.name(),
                    route.kind().wireName(),
                    outgoing.event(),
                    version,
                    outgoing.deliveryId(),
                    attempt,
                    result.status(),
                    result.error(),
                    outcome,
                    clock.instant()));
            if (result.accepted()) {
                return true;
            }
            if (last) {
                return false;
            }
            int failed = attempt;
            sleeper.sleep(result.retryAfter().map(policy::honour).orElseGet(() -> policy.delay(failed, random)));
        }
    }

    /** What one attempt came to. */
    private record Result(Integer status, String error, boolean retriable, Optional<Duration> retryAfter) {
        boolean accepted() {
            return status != null && status / 100 == 2;
        }
    }

    private Result attempt(OutboundRoute route, Outgoing outgoing) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(outgoing.url())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.body()));
        outgoing.headers().forEach(request::header);
        if (route.kind() == OutboundRoute.Kind.WEBHOOK) {
            request.header(
                    WebhookSignature.HEADER,
                    WebhookSignature.header(route.secret(), clock.instant().getEpochSecond(), outgoing.body()));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // never the URL: a webhook URL may carry a token
            return new Result(
                    null, redact(e.getClass().getSimpleName() + ": " + e.getMessage()), true, Optional.empty());
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Result(status, null, false, Optional.empty());
        }
        boolean retriable = status == 408 || status == 429 || status >= 500;
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? response.headers()
                        .firstValue("Retry-After")
                        .flatMap(value -> RetryAfter.parse(value, clock.instant()))
                : Optional.empty();
        return new Result(status, redact("HTTP " + status + ": " + response.body()), retriable, retryAfter);
    }

    private String redact(String text) {
        String redacted = redactor.redact(text);
        return redacted.length() <= MAX_ERROR_CHARS ? redacted : redacted.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private byte[] bytes(Map<String, Object> body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outgoing body", e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The {@code Retry-After} header: delay seconds or an HTTP date. */
    static final class RetryAfter {
        private RetryAfter() {}

        static Optional<Duration> parse(String value, Instant now) {
            String text = value.trim();
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                try {
                    Instant at = java.time.ZonedDateTime.parse(
                                    text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return Optional.of(Duration.between(now, at));
                } catch (java.time.format.DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}
