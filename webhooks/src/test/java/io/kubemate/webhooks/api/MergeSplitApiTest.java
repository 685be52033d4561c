package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.AlertStatus;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentAlert;
import io.kubemate.core.incident.IncidentId;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergeSplitApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONE = "inc-0000000000000001";
    private static final String TWO = "inc-0000000000000002";
    private static final String OTHER_CLUSTER = "inc-0000000000000003";
    private static final String MERGED = "inc-0000000000000004";
    private static final String FP_A = "e9e6fe606ae55c96";
    private static final String FP_B = "0123456789abcdef";

    private final TestEdge edge = new TestEdge();

    MergeSplitApiTest() {
        edge.index.upsert(withAlerts(TestEdge.incident(1, IncidentStatus.OPEN, 10), "cluster=prod-eu-1", null));
        edge.index.upsert(withAlerts(TestEdge.incident(2, IncidentStatus.OPEN, 20), "cluster=prod-eu-1", null));
        edge.index.upsert(withAlerts(TestEdge.incident(3, IncidentStatus.OPEN, 30), "cluster=prod-us-1", null));
        edge.index.upsert(withAlerts(
                TestEdge.incident(4, IncidentStatus.RESOLVED, 40), "cluster=prod-eu-1", new IncidentId(TWO)));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    /** {@code i} with two alerts (FP_A, FP_B), the given scope key and merge pointer. */
    private static Incident withAlerts(Incident i, String scopeKey, IncidentId mergedInto) {
        IncidentAlert a = i.alerts().get(0);
        IncidentAlert b = new IncidentAlert(
                FP_B, AlertStatus.FIRING, Map.of("alertname", "DiskFull"), Map.of(), a.startsAt(), null, null, 0, null);
        return new Incident(
                i.id(),
                i.version(),
                i.status(),
                i.title(),
                i.severity(),
                i.scope(),
                scopeKey,
                i.services(),
                2,
                2,
                i.openedAt(),
                i.updatedAt(),
                i.resolvedAt(),
                List.of(a, b),
                i.timeline(),
                i.timelineOmitted(),
                mergedInto);
    }

    private HttpResponse<String> post(String id, String route, String body) {
        return edge.postJson("/api/v1/incidents/" + id + "/" + route, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void mergeSubmitsAMergeOfTheOtherIncidentIntoThisOne() throws IOException {
        var response = post(ONE, "merge", "{\"other\":\"" + TWO + "\",\"actor\":\"ana\",\"note\":\"one outage\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode timeline = json(response).get("timeline");
        assertThat(timeline.get(timeline.size() - 1).get("kind").asText()).isEqualTo("merged");
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.MERGE);
            assertThat(action.incidentId().value()).isEqualTo(ONE);
            assertThat(action.otherIncidentId().value()).isEqualTo(TWO);
            assertThat(action.scopeKey()).isEqualTo("cluster=prod-eu-1");
            assertThat(action.actor()).isEqualTo("ana");
            assertThat(action.note()).isEqualTo("one outage");
        });
    }

    @ParameterizedTest(name = "{1} for [{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | /other",
                "{} | /other",
                "{\"other\":\"inc-1\"} | /other",
                "{\"other\":\"" + ONE + "\"} | /other",
                "{\"other\":42,\"actor\":[]} | /actor",
                "not json | /",
            })
    void aBadMergeBodyIsRefusedNamingTheField(String body, String field) throws IOException {
        var response = post(ONE, "merge", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo(field);
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void mergingAcrossPartitionsOrWithAMergedIncidentIsAConflict() throws IOException {
        var acrossClusters = post(ONE, "merge", "{\"other\":\"" + OTHER_CLUSTER + "\"}");
        var withMerged = post(ONE, "merge", "{\"other\":\"" + MERGED + "\"}");
        var intoMerged = post(MERGED, "merge", "{\"other\":\"" + ONE + "\"}");
        var unknown = post(ONE, "merge", "{\"other\":\"inc-00000000000000ff\"}");

        assertThat(acrossClusters.statusCode()).isEqualTo(409);
        assertThat(acrossClusters.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(acrossClusters).get("type").asText()).isEqualTo("https://kubemate.io/problems/conflict");
        assertThat(json(acrossClusters).get("detail").asText())
                .contains("cluster=prod-eu-1", "cluster=prod-us-1", "same scopeKey");
        assertThat(withMerged.statusCode()).isEqualTo(409);
        assertThat(json(withMerged).get("detail").asText()).contains(MERGED + " was merged into " + TWO);
        assertThat(intoMerged.statusCode()).isEqualTo(409);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void splitSubmitsTheAlertsAndNamesTheNewIncidentInLocation() throws IOException {
        var response = post(ONE, "split", "{\"alerts\":[\"" + FP_B + "\",\"" + FP_B + "\"],\"actor\":\"bo\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.SPLIT);
            assertThat(action.incidentId().value()).isEqualTo(ONE);
            assertThat(action.fingerprints()).containsExactly(FP_B);
            assertThat(action.actor()).isEqualTo("bo");
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/api/v1/incidents/" + action.splitIncidentId());
        });
    }

    @ParameterizedTest(name = "{1} for [{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | /alerts",
                "{\"alerts\":[]} | /alerts",
                "{\"alerts\":\"" + FP_B + "\"} | /alerts",
                "{\"alerts\":[\"" + FP_B + "\",\"ffffffffffffffff\"]} | /alerts/1",
                "{\"alerts\":[\"" + FP_A + "\",\"" + FP_B + "\"]} | /alerts",
                "{\"alerts\":[\"" + FP_B + "\"],\"note\":[1]} | /note",
            })
    void aBadSplitBodyIsRefusedNamingTheField(String body, String field) throws IOException {
        var response = post(ONE, "split", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo(field);
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void aMergedIncidentCannotBeSplitOrReopenedAndShowsWhereItWent() throws IOException {
        var split = post(MERGED, "split", "{\"alerts\":[\"" + FP_B + "\"]}");
        var reopen = post(MERGED, "reopen", "");
        JsonNode detail = json(edge.get("/api/v1/incidents/" + MERGED));

        assertThat(split.statusCode()).isEqualTo(409);
        assertThat(reopen.statusCode()).isEqualTo(409);
        assertThat(edge.actions.submitted).isEmpty();
        assertThat(detail.get("mergedInto").asText()).isEqualTo(TWO);
        assertThat(json(edge.get("/api/v1/incidents/" + ONE)).get("mergedInto").isNull())
                .isTrue();
    }
}
