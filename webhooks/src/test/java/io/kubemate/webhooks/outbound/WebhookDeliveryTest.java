package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook as a receiver sees it: the incident JSON, {@code X-Kubemate-Signature} verifiable with an
 * independent HMAC-SHA256 computation (and failing for a tampered body or another secret), a delivery id and an
 * {@code Idempotency-Key} of incident id and version.
 */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-test-0123456789";

    private final Receiver receiver = new Receiver();
    private final List<DeliveryAttempt> log = new ArrayList<>();
    private final Deliverer deliverer = Deliverers.deliverer(RetryPolicy.defaults(), new ArrayList<Duration>());

    WebhookDeliveryTest() throws IOException {}

    @AfterEach
    void stop() {
        receiver.close();
    }

    private OutboundRoute route() {
        return new OutboundRoute("audit", OutboundRoute.Kind.WEBHOOK, receiver.url("/hook"), SECRET, Map.of());
    }

    @Test
    void theBodyIsTheIncidentAndTheHeadersLetTheReceiverDropDuplicates() throws Exception {
        assertThat(deliverer.deliver(route(), Incidents.open(7), IncidentEvent.TRIGGERED, null, log::add))
                .isTrue();

        Receiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/hook");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("event").asText()).isEqualTo("triggered");
        assertThat(body.get("id").asText()).isEqualTo(Incidents.ID);
        assertThat(body.get("version").asLong()).isEqualTo(7);
        assertThat(body.get("status").asText()).isEqualTo("open");
        assertThat(body.get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("scope").get("namespace").asText()).isEqualTo("payments");
        assertThat(body.get("services").get(0).asText()).isEqualTo("payments");
        assertThat(body.get("alertCount").asInt()).isEqualTo(4);
        assertThat(body.get("firingCount").asInt()).isEqualTo(4);
        assertThat(body.get("url").asText()).isEqualTo(Deliverers.PUBLIC_URL + "/#/incidents/" + Incidents.ID);
        assertThat(request.header("Idempotency-Key")).isEqualTo(Incidents.ID + ":7");
        assertThat(request.header("X-Kubemate-Delivery"))
                .isNotBlank()
                .isEqualTo(log.get(0).deliveryId());
        assertThat(request.header("X-Kubemate-Event")).isEqualTo("triggered");
    }

    @Test
    void theSignatureVerifiesWithAnIndependentHmacAndFailsForATamperedBody() throws Exception {
        deliverer.deliver(route(), Incidents.open(1), IncidentEvent.TRIGGERED, null, log::add);

        Receiver.Request request = receiver.requests().get(0);
        String header = request.header("X-Kubemate-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        assertThat(t).isEqualTo(Deliverers.NOW.getEpochSecond());

        assertThat(verifies(SECRET, t, request.body(), v1)).isTrue();
        byte[] tampered = request.text().replace("critical", "info").getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(SECRET, t, tampered, v1)).isFalse();
        assertThat(verifies("another-secret", t, request.body(), v1)).isFalse();
        assertThat(verifies(SECRET, t + 1, request.body(), v1)).isFalse();
    }

    /** What a receiver does, written from the documented scheme, not from Kubemate's code. */
    private static boolean verifies(String secret, long t, byte[] body, String v1) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        byte[] expected = mac.doFinal(signed);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    }
}
