package io.kubemate.webhooks.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestEdge edge =
            new TestEdge(HttpSettings.defaults().withApiToken("a").withWebhookToken("w"));

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void healthzIsOkWithoutAToken() throws IOException {
        var response = edge.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzIsReadyWhenEveryCheckPassesAndTheViewCaughtUp() throws IOException {
        var response = edge.get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("checks").get("kafka").asBoolean()).isTrue();
        assertThat(body.get("checks").get("incident-view").asBoolean()).isTrue();
    }

    @Test
    void readyzIs503NamingTheFailingChecks() throws IOException {
        edge.kafkaReady.set(false);
        edge.index.setCaughtUp(false);

        var response = edge.get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("not ready");
        assertThat(body.get("failing")).extracting(JsonNode::asText).containsExactly("kafka", "incident-view");
    }

    @Test
    void metricsAreServedInPrometheusTextFormatWithTheEdgesOwnMetrics() {
        edge.get("/healthz");

        var response = edge.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE kubemate_webhook_rejects_total counter")
                .contains("kubemate_webhook_rejects_total{reason=\"body_too_large\"} 0.0")
                .contains("kubemate_alerts_accepted_total 0.0")
                .contains("# TYPE kubemate_http_request_duration_seconds histogram")
                .contains("kubemate_http_request_duration_seconds_count{route=\"GET /healthz\"} 1");
    }
}
