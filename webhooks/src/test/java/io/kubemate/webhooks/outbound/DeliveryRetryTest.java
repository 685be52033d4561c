package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against a local receiver, with a sleeper that records the waits instead of sleeping: 5xx are retried with
 * bounded, growing backoff until accepted; 4xx other than 408/429 are not; 429 waits the receiver's Retry-After; the
 * attempts are bounded.
 */
class DeliveryRetryTest {
    private final Receiver receiver = new Receiver();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<DeliveryAttempt> log = new ArrayList<>();
    private final RetryPolicy policy = RetryPolicy.defaults();
    private final Deliverer deliverer = Deliverers.deliverer(policy, sleeps);

    DeliveryRetryTest() throws IOException {}

    @AfterEach
    void stop() {
        receiver.close();
    }

    private OutboundRoute route(URI url) {
        return new OutboundRoute("hook", OutboundRoute.Kind.WEBHOOK, url, "s3cret", Map.of());
    }

    @Test
    void twoServerErrorsThenSuccessIsOneAcceptedDeliveryAfterBoundedBackoff() throws Exception {
        receiver.script(Receiver.Answer.of(500), Receiver.Answer.of(503), Receiver.Answer.of(200));

        boolean delivered =
                deliverer.deliver(route(receiver.url("/")), Incidents.open(3), IncidentEvent.TRIGGERED, null, log::add);

        assertThat(delivered).isTrue();
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsOnly(Incidents.ID + ":3");
        assertThat(receiver.requests())
                .extracting(r -> r.header("X-Kubemate-Delivery"))
                .as("one delivery, retried")
                .hasSize(3)
                .containsOnly(log.get(0).deliveryId());
        assertThat(log)
                .extracting(DeliveryAttempt::outcome)
                .containsExactly(DeliveryAttempt.RETRYING, DeliveryAttempt.RETRYING, DeliveryAttempt.DELIVERED);
        assertThat(log).extracting(DeliveryAttempt::statusCode).containsExactly(500, 503, 200);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(policy.ceiling(1)).isPositive();
        assertThat(sleeps.get(1)).isLessThanOrEqualTo(policy.ceiling(2)).isGreaterThan(sleeps.get(0));
    }

    @Test
    void aBadRequestIsNotRetried() throws Exception {
        receiver.script(new Receiver.Answer(
                400, Map.of(), "{\"status\":\"invalid event\",\"errors\":[\"'payload.severity' is missing\"]}"));

        boolean delivered =
                deliverer.deliver(route(receiver.url("/")), Incidents.open(1), IncidentEvent.TRIGGERED, null, log::add);

        assertThat(delivered).isFalse();
        assertThat(receiver.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DeliveryAttempt.FAILED);
            assertThat(a.statusCode()).isEqualTo(400);
            assertThat(a.error()).contains("payload.severity");
        });
    }

    @Test
    void tooManyRequestsWaitsWhatTheReceiverAsks() throws Exception {
        receiver.script(
                new Receiver.Answer(429, Map.of("Retry-After", "7"), "{}"),
                Receiver.Answer.of(408),
                Receiver.Answer.of(202));

        boolean delivered =
                deliverer.deliver(route(receiver.url("/")), Incidents.open(1), IncidentEvent.TRIGGERED, null, log::add);

        assertThat(delivered).isTrue();
        assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void anUnreachableReceiverIsGivenUpAfterTheLastAttemptWithinTheBudget() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        Deliverer three = Deliverers.deliverer(policy.withMaxAttempts(3), sleeps);

        boolean delivered = three.deliver(route(closed), Incidents.open(1), IncidentEvent.TRIGGERED, null, log::add);

        assertThat(delivered).isFalse();
        assertThat(log)
                .extracting(DeliveryAttempt::outcome)
                .containsExactly(DeliveryAttempt.RETRYING, DeliveryAttempt.RETRYING, DeliveryAttempt.FAILED);
        assertThat(log).allSatisfy(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).contains("ConnectException").doesNotContain(closed.toString());
        });
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void theDefaultBudgetIsEightAttemptsOverAboutTenMinutes() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            total = total.plus(policy.ceiling(attempt));
        }
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(total).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(policy.honour(Duration.ofHours(1))).isEqualTo(policy.maxDelay());
    }
}
