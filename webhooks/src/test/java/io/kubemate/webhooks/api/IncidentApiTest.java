package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "inc-0000000000000001";

    private TestEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    private TestEdge edgeWithIncidents(HttpSettings settings) {
        edge = new TestEdge(settings);
        edge.index.upsert(TestEdge.incident(1, IncidentStatus.OPEN, 10));
        edge.index.upsert(TestEdge.incident(2, IncidentStatus.ACKNOWLEDGED, 20));
        edge.index.upsert(TestEdge.incident(3, IncidentStatus.RESOLVED, 30));
        edge.index.upsert(TestEdge.incident(4, IncidentStatus.OPEN, 40));
        edge.index.upsert(TestEdge.incident(5, IncidentStatus.OPEN, 50));
        return edge;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private HttpResponse<String> post(String path, String body) {
        return edge.send(edge.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void listsIncidentsNewestFirstWithExactlyTheDocumentedFields() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        JsonNode page = json(edge.get("/api/v1/incidents"));

        assertThat(ids(page))
                .containsExactly(
                        "inc-0000000000000005",
                        "inc-0000000000000004",
                        "inc-0000000000000003",
                        "inc-0000000000000002",
                        "inc-0000000000000001");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode item = page.get("items").get(2);
        assertThat(item.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "status",
                        "title",
                        "severity",
                        "scope",
                        "services",
                        "alertCount",
                        "firingCount",
                        "openedAt",
                        "updatedAt",
                        "resolvedAt",
                        "version",
                        "mergedInto");
        assertThat(item.get("status").asText()).isEqualTo("resolved");
        assertThat(item.get("severity").asText()).isEqualTo("critical");
        assertThat(item.get("scope").get("namespace").asText()).isEqualTo("shop");
        assertThat(item.get("services").get(0).asText()).isEqualTo("checkout");
        assertThat(item.get("openedAt").asText()).isEqualTo("2026-11-25T16:00:00Z");
        assertThat(item.get("resolvedAt").asText()).isEqualTo("2026-11-25T16:30:00Z");
        assertThat(page.get("items").get(0).get("resolvedAt").isNull()).isTrue();
    }

    @Test
    void pagesThroughOneStatusWithTheCursor() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        JsonNode first = json(edge.get("/api/v1/incidents?status=open&limit=2"));
        JsonNode second = json(edge.get("/api/v1/incidents?status=open&limit=2&cursor="
                + first.get("nextCursor").asText()));

        assertThat(ids(first)).containsExactly("inc-0000000000000005", "inc-0000000000000004");
        assertThat(ids(second)).containsExactly("inc-0000000000000001");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "status=closed, status",
        "limit=0, limit",
        "limit=501, limit",
        "limit=ten, limit",
        "cursor=not*a*cursor, cursor",
        "cursor=bm9wZQ, cursor",
    })
    void rejectsABadQueryParameterNamingIt(String query, String field) throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        HttpResponse<String> response = edge.get("/api/v1/incidents?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("field").asText()).isEqualTo(field);
        assertThat(json(response).get("type").asText()).isEqualTo("https://kubemate.io/problems/invalid-field");
    }

    @Test
    void showsOneIncidentWithAlertsAndTimeline() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        JsonNode detail = json(edge.get("/api/v1/incidents/" + ID));

        assertThat(detail.get("id").asText()).isEqualTo(ID);
        assertThat(detail.get("timelineOmitted").asInt()).isZero();
        JsonNode alert = detail.get("alerts").get(0);
        assertThat(alert.fieldNames())
                .toIterable()
                .containsExactly(
                        "fingerprint", "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL");
        assertThat(alert.get("status").asText()).isEqualTo("firing");
        assertThat(alert.get("endsAt").isNull()).isTrue();
        assertThat(alert.get("generatorURL").asText()).contains("&g0.tab=1");
        JsonNode entry = detail.get("timeline").get(0);
        assertThat(entry.fieldNames())
                .toIterable()
                .containsExactly("at", "kind", "fingerprint", "actor", "detail", "count");
        assertThat(entry.get("kind").asText()).isEqualTo("opened");
    }

    @Test
    void answers404ForAnUnknownIncidentAnd400ForAMalformedId() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        var unknown = edge.get("/api/v1/incidents/inc-00000000000000ff");
        var malformed = edge.get("/api/v1/incidents/42");
        var unknownAction = post("/api/v1/incidents/inc-00000000000000ff/acknowledge", "");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asText()).isEqualTo("https://kubemate.io/problems/not-found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("field").asText()).isEqualTo("id");
        assertThat(unknownAction.statusCode()).isEqualTo(404);
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void acknowledgeAnswersTheUpdatedIncidentOnceTheViewShowsIt() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        var response = post("/api/v1/incidents/" + ID + "/acknowledge", "{\"actor\":\"alice\",\"note\":\"on it\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode detail = json(response);
        assertThat(detail.get("status").asText()).isEqualTo("acknowledged");
        assertThat(detail.get("version").asLong()).isEqualTo(2);
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> {
            assertThat(action.incidentId()).isEqualTo(new IncidentId(ID));
            assertThat(action.kind()).isEqualTo(ActionKind.ACKNOWLEDGE);
            assertThat(action.scopeKey()).isEqualTo("cluster=prod-eu-1,namespace=shop");
            assertThat(action.actor()).isEqualTo("alice");
            assertThat(action.note()).isEqualTo("on it");
        });
    }

    @Test
    void resolveWithAnEmptyBodyActsAnonymously() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        var response = edge.send(
                edge.request("/api/v1/incidents/" + ID + "/resolve").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("resolved");
        assertThat(edge.actions.submitted.get(0).actor()).isEqualTo("anonymous");
    }

    @Test
    void aResolutionNoteIsAddedToTheTimelineAndNeedsANote() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        var noted = post(
                "/api/v1/incidents/" + ID + "/resolution",
                "{\"actor\":\"bo\",\"note\":\"raised the pgbouncer pool; batched the backfill\"}");
        var empty = post("/api/v1/incidents/" + ID + "/resolution", "");
        var blank = post("/api/v1/incidents/" + ID + "/resolution", "{\"note\":\"  \"}");

        assertThat(noted.statusCode()).isEqualTo(200);
        JsonNode timeline = json(noted).get("timeline");
        JsonNode last = timeline.get(timeline.size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("resolution_note");
        assertThat(last.get("detail").asText()).isEqualTo("raised the pgbouncer pool; batched the backfill");
        assertThat(json(noted).get("status").asText()).isEqualTo("open");
        for (var rejected : List.of(empty, blank)) {
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(json(rejected).get("field").asText()).isEqualTo("/note");
        }
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> assertThat(action.kind())
                .isEqualTo(ActionKind.NOTE));
    }

    @Test
    void answers202WithTheActionIdWhenTheViewDoesNotUpdateInTime() throws IOException {
        edgeWithIncidents(HttpSettings.defaults().withActionWait(Duration.ofMillis(200)));
        edge.actions.applying = false;

        var response = post("/api/v1/incidents/" + ID + "/resolve", "{}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("status").asText()).isEqualTo("accepted");
        assertThat(json(response).get("actionId").asText())
                .isEqualTo(edge.actions.submitted.get(0).actionId());
    }

    @Test
    void rejectsAMalformedActionBodyAndAnswers503WhenTheSinkIsUnavailable() throws IOException {
        edgeWithIncidents(HttpSettings.defaults());

        var malformed = post("/api/v1/incidents/" + ID + "/acknowledge", "{\"actor\":[1]}");
        edge.actions.failure = new UnavailableException("Kafka down", Duration.ofSeconds(5), null);
        var unavailable = post("/api/v1/incidents/" + ID + "/acknowledge", "");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("field").asText()).isEqualTo("/actor");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void requiresTheApiTokenOnEveryApiPathWhenConfigured() throws IOException {
        edgeWithIncidents(HttpSettings.defaults().withApiToken("api-secret"));

        var missing = edge.get("/api/v1/incidents");
        var unknownPath = edge.get("/api/v2/anything");
        var action = post("/api/v1/incidents/" + ID + "/acknowledge", "");
        var authorized = edge.send(edge.request("/api/v1/incidents").header("Authorization", "Bearer api-secret"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("type").asText()).isEqualTo("https://kubemate.io/problems/unauthorized");
        assertThat(unknownPath.statusCode()).isEqualTo(401);
        assertThat(action.statusCode()).isEqualTo(401);
        assertThat(edge.actions.submitted).isEmpty();
        assertThat(authorized.statusCode()).isEqualTo(200);
    }
}
