package io.kubemate.webhooks.outbound;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver an incident event on a route, as the delivery log keeps it.
 *
 * @param route the route's name
 * @param kind {@code pagerduty} or {@code webhook}
 * @param event what was sent: {@code trigger}, {@code acknowledge}, {@code resolve} (PagerDuty) or {@code triggered},
 *     {@code updated}, {@code acknowledged}, {@code resolved} (webhook)
 * @param version the incident snapshot version sent
 * @param deliveryId the delivery this attempt belongs to (the same over its retries)
 * @param attempt 1 for the first attempt
 * @param statusCode the receiver's HTTP status, {@code null} when none came (connection error, timeout)
 * @param error why it failed, {@code null} when delivered
 * @param outcome {@code delivered}, {@code retrying} (another attempt follows) or {@code failed} (given up)
 * @param at when the attempt ended
 */
public record DeliveryAttempt(
        String route,
        String kind,
        String event,
        long version,
        String deliveryId,
        int attempt,
        Integer statusCode,
        String error,
        String outcome,
        Instant at) {
    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";

    public DeliveryAttempt {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
