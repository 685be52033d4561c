package io.kubemate.webhooks.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.TestEdge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookTest {
    private static final String PATH = "/webhooks/alertmanager";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://kubemate.io/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("instance").asText()).isEqualTo(PATH);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void acceptsAlertmanagersBodyAndAnswersTheCountAfterTheSinkStoredIt() throws IOException {
        edge = new TestEdge();

        HttpResponse<String> response = edge.postJson(PATH, TestEdge.fixture("03-grouped-3-firing.body.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(3);
        assertThat(edge.alerts.calls).singleElement().satisfies(alerts -> {
            assertThat(alerts).hasSize(3).allMatch(a -> a.status() == AlertStatus.FIRING);
            assertThat(alerts.get(0).fingerprint()).isEqualTo("f32ac8a4cb9eb94f");
            assertThat(alerts.get(0).receiver()).isEqualTo("webhook-ok");
        });
    }

    @Test
    void acceptsJsonWithACharsetAndARequestWithoutContentType() {
        edge = new TestEdge();
        byte[] body = TestEdge.fixture("01-firing-single.body.json");

        var withCharset = edge.send(edge.request(PATH)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        var withoutType = edge.send(edge.request(PATH).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(withCharset.statusCode()).isEqualTo(200);
        assertThat(withoutType.statusCode()).isEqualTo(200);
        assertThat(edge.alerts.alertCount()).isEqualTo(2);
    }

    @Test
    void requiresTheWebhookTokenWhenConfigured() throws IOException {
        edge = new TestEdge(HttpSettings.defaults().withWebhookToken("s3cr3t-test-token"));
        byte[] body = TestEdge.fixture("06-bearer-authorization.body.json");

        var missing = edge.postJson(PATH, body);
        var wrong = edge.postJson(PATH, body, "Authorization", "Bearer s3cr3t-test-tokeN");
        var basic = edge.postJson(PATH, body, "Authorization", "Basic czNjcjN0LXRlc3QtdG9rZW4=");
        var right = edge.postJson(PATH, body, "Authorization", "Bearer s3cr3t-test-token");

        assertProblem(missing, 401, "unauthorized");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kubemate\"");
        assertProblem(wrong, 401, "unauthorized");
        assertProblem(basic, 401, "unauthorized");
        assertThat(wrong.body()).doesNotContain("s3cr3t");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(edge.alerts.alertCount()).isEqualTo(1);
    }

    @Test
    void rejectsABodyOverTheLimitWhetherDeclaredOrChunked() throws IOException {
        edge = new TestEdge(HttpSettings.defaults().withMaxBodyBytes(500));
        byte[] body = TestEdge.fixture("03-grouped-3-firing.body.json");

        var declared = edge.postJson(PATH, body);
        var chunked = edge.send(edge.request(PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(declared, 413, "body-too-large");
        assertProblem(chunked, 413, "body-too-large");
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void answers413ToABodyFarOverTheLimitInsteadOfResettingTheConnection() throws IOException {
        // found by the fuzz test: the server closed the connection with most of the body unread, TCP reset it, and
        // the client saw "header parser received no bytes" instead of its 413
        edge = new TestEdge(HttpSettings.defaults().withMaxBodyBytes(1024));
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        for (int i = 0; i < 5; i++) {
            assertProblem(edge.postJson(PATH, body), 413, "body-too-large");
            assertProblem(
                    edge.send(edge.request(PATH)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))),
                    415,
                    "unsupported-media-type");
        }
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void refusesAnEncodedBodyWith415() throws IOException {
        // found by the fuzz test: the encoding was ignored, so a gzip body was "not valid JSON" and a body with a
        // made-up encoding was accepted as if plain
        edge = new TestEdge();
        byte[] body = TestEdge.fixture("01-firing-single.body.json");

        var gzip = edge.postJson(PATH, body, "Content-Encoding", "gzip");
        var unknown = edge.postJson(PATH, body, "Content-Encoding", "x-unknown");
        var identity = edge.postJson(PATH, body, "Content-Encoding", "identity");

        assertProblem(gzip, 415, "unsupported-media-type");
        assertThat(json(gzip).get("detail").asText()).contains("Content-Encoding 'gzip'");
        assertProblem(unknown, 415, "unsupported-media-type");
        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(edge.alerts.alertCount()).isEqualTo(1);
    }

    @Test
    void rejectsAnInvalidBodyNamingTheField() throws IOException {
        edge = new TestEdge();
        String body = new String(TestEdge.fixture("03-grouped-3-firing.body.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"startsAt\":\"2026-11-25T16:41:38.329713441Z\"", "\"startsAt\":\"yesterday\"");

        var response = edge.postJson(PATH, body.getBytes(StandardCharsets.UTF_8));

        assertProblem(response, 400, "invalid-field");
        assertThat(json(response).get("field").asText()).isEqualTo("/alerts/2/startsAt");
        assertThat(json(response).get("detail").asText()).contains("RFC 3339");
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void rejectsMalformedJsonAndAnotherVersion() throws IOException {
        edge = new TestEdge();

        var malformed = edge.postJson(PATH, "{\"version\":".getBytes(StandardCharsets.UTF_8));
        var version = edge.postJson(PATH, "{\"version\":\"5\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8));

        assertProblem(malformed, 400, "invalid-field");
        assertProblem(version, 400, "invalid-field");
        assertThat(json(version).get("field").asText()).isEqualTo("/version");
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void rejectsANonJsonContentType() throws IOException {
        edge = new TestEdge();

        var response = edge.send(edge.request(PATH)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEdge.fixture("01-firing-single.body.json"))));

        assertProblem(response, 415, "unsupported-media-type");
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void answers503WithRetryAfterWhenKafkaIsUnavailable() throws IOException {
        edge = new TestEdge();
        edge.alerts.failure = new UnavailableException("Kafka did not acknowledge", Duration.ofMillis(4_200), null);

        var response = edge.postJson(PATH, TestEdge.fixture("01-firing-single.body.json"));

        assertProblem(response, 503, "unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(edge.alerts.calls).isEmpty();
    }

    @Test
    void countsOutcomesRejectsAndAcceptedAlerts() {
        edge = new TestEdge(HttpSettings.defaults().withWebhookToken("t"));
        edge.postJson(PATH, TestEdge.fixture("03-grouped-3-firing.body.json"), "Authorization", "Bearer t");
        edge.postJson(PATH, TestEdge.fixture("01-firing-single.body.json"));
        edge.postJson(PATH, "{}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer t");

        String metrics = edge.get("/metrics").body();

        assertThat(metrics)
                .contains("kubemate_webhook_requests_total{outcome=\"accepted\",receiver=\"webhook-ok\"} 1.0")
                .contains("kubemate_webhook_requests_total{outcome=\"unauthorized\",receiver=\"unknown\"} 1.0")
                .contains("kubemate_webhook_requests_total{outcome=\"invalid\",receiver=\"unknown\"} 1.0")
                .contains("kubemate_webhook_rejects_total{reason=\"unauthorized\"} 1.0")
                .contains("kubemate_webhook_rejects_total{reason=\"invalid\"} 1.0")
                .contains("kubemate_alerts_accepted_total 3.0")
                .contains("kubemate_http_request_duration_seconds_count{route=\"POST /webhooks/alertmanager\"} 3");
    }
}
