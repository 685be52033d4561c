package io.kubemate.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.webhooks.http.TestEdge;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/incidents/{id}/deliveries} on the real server: the attempts, 404 and 400 as problems. */
class DeliveryRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestEdge edge = new TestEdge();

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void listsTheAttemptsOfAnIncident() throws Exception {
        var incident = TestEdge.incident(1, IncidentStatus.OPEN, 0);
        edge.index.upsert(incident);
        String id = incident.id().value();
        edge.deliveries.put(
                id,
                List.of(
                        new DeliveryAttempt(
                                "pd",
                                "pagerduty",
                                "trigger",
                                1,
                                "d1",
                                1,
                                500,
                                "HTTP 500: {}",
                                "retrying",
                                Deliverers.NOW),
                        new DeliveryAttempt(
                                "pd", "pagerduty", "trigger", 1, "d1", 2, 202, null, "delivered", Deliverers.NOW)));

        var response = edge.get("/api/v1/incidents/" + id + "/deliveries");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("incidentId").asText()).isEqualTo(id);
        assertThat(body.get("deliveries")).hasSize(2);
        JsonNode first = body.get("deliveries").get(0);
        assertThat(first.get("route").asText()).isEqualTo("pd");
        assertThat(first.get("statusCode").asInt()).isEqualTo(500);
        assertThat(first.get("outcome").asText()).isEqualTo("retrying");
        assertThat(first.get("at").asText()).isEqualTo("2026-11-26T05:00:00Z");
        assertThat(body.get("deliveries").get(1).get("error").isNull()).isTrue();
    }

    @Test
    void anUnknownIncidentIsNotFoundAndABadIdIsNamed() throws Exception {
        var missing = edge.get("/api/v1/incidents/inc-00000000000000ff/deliveries");
        var bad = edge.get("/api/v1/incidents/nope/deliveries");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("id");
    }
}
