package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.ActionKind;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentTimelineActionsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPEN = "inc-0000000000000001";
    private static final String RESOLVED = "inc-0000000000000003";

    private final TestEdge edge = new TestEdge();

    IncidentTimelineActionsApiTest() {
        edge.index.upsert(TestEdge.incident(1, IncidentStatus.OPEN, 10));
        edge.index.upsert(TestEdge.incident(3, IncidentStatus.RESOLVED, 30));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private HttpResponse<String> post(String path, String body) {
        return edge.postJson(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode lastEntry(HttpResponse<String> response) throws IOException {
        JsonNode timeline = JSON.readTree(response.body()).get("timeline");
        return timeline.get(timeline.size() - 1);
    }

    @Test
    void reopenSubmitsAReopenAndAnswersTheReopenedIncident() throws IOException {
        var response = post("/api/v1/incidents/" + RESOLVED + "/reopen", "{\"actor\":\"ana\",\"note\":\"back again\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("open");
        assertThat(lastEntry(response).get("kind").asText()).isEqualTo("reopened");
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(ActionKind.REOPEN);
            assertThat(action.actor()).isEqualTo("ana");
            assertThat(action.incidentId().value()).isEqualTo(RESOLVED);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"comments, COMMENT, comment", "grouping-feedback, GROUPING_FEEDBACK, grouping_feedback"})
    void aTimelineActionRecordsItsNoteWithoutChangingTheStatus(String route, ActionKind kind, String entry)
            throws IOException {
        var response = post("/api/v1/incidents/" + OPEN + "/" + route, "{\"note\":\"db-7 is unrelated\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("open");
        assertThat(lastEntry(response).get("kind").asText()).isEqualTo(entry);
        assertThat(lastEntry(response).get("detail").asText()).isEqualTo("db-7 is unrelated");
        assertThat(edge.actions.submitted).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(kind);
            assertThat(action.note()).isEqualTo("db-7 is unrelated");
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {"comments | ''", "comments | {\"note\":\" \"}", "grouping-feedback | {}"})
    void aTimelineActionWithoutANoteIsRefusedNamingTheNote(String route, String body) throws IOException {
        var response = post("/api/v1/incidents/" + OPEN + "/" + route, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("/note");
        assertThat(edge.actions.submitted).isEmpty();
    }

    @Test
    void anOverlongCommentIsRefusedNamingTheNote() throws IOException {
        var response = post("/api/v1/incidents/" + OPEN + "/comments", "{\"note\":\"" + "x".repeat(5000) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("/note");
    }
}
