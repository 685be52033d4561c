package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.incident.Incident;
import io.kubemate.core.incident.IncidentStatus;
import io.kubemate.core.incident.Severity;
import io.kubemate.webhooks.http.TestEdge;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentFiltersApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEdge edge;

    @BeforeEach
    void start() {
        edge = new TestEdge();
        // n, status, minute, severity, service, namespace, cluster
        edge.index.upsert(variant(1, IncidentStatus.OPEN, 10, Severity.CRITICAL, "checkout", "shop", "prod-eu-1"));
        edge.index.upsert(variant(2, IncidentStatus.OPEN, 20, Severity.WARNING, "payments", "shop", "prod-eu-1"));
        edge.index.upsert(variant(3, IncidentStatus.RESOLVED, 30, Severity.CRITICAL, "search", "web", "prod-eu-1"));
        edge.index.upsert(variant(4, IncidentStatus.ACKNOWLEDGED, 40, Severity.ERROR, "checkout", "shop", "prod-us-1"));
        edge.index.upsert(variant(5, IncidentStatus.OPEN, 50, Severity.CRITICAL, "checkout", "web", "prod-us-1"));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private static Incident variant(
            int n, IncidentStatus status, int minute, Severity severity, String service, String ns, String cluster) {
        Incident i = TestEdge.incident(n, status, minute);
        return new Incident(
                i.id(),
                i.version(),
                i.status(),
                i.title(),
                severity,
                Map.of("cluster", cluster, "namespace", ns),
                "cluster=" + cluster,
                List.of(service),
                i.alertCount(),
                i.firingCount(),
                i.openedAt(),
                i.updatedAt(),
                i.resolvedAt(),
                i.alerts(),
                i.timeline(),
                i.timelineOmitted());
    }

    private List<Integer> numbers(String query) throws IOException {
        HttpResponse<String> response = edge.get("/api/v1/incidents" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Integer> numbers = new ArrayList<>();
        JSON.readTree(response.body())
                .get("items")
                .forEach(item ->
                        numbers.add(Integer.parseInt(item.get("id").asText().substring(4), 16)));
        return numbers;
    }

    @Test
    void filtersBySeverityServiceScopeNamespaceAndSinceCombined() throws IOException {
        assertThat(numbers("?severity=critical")).containsExactly(5, 3, 1);
        assertThat(numbers("?severity=critical,error")).containsExactly(5, 4, 3, 1);
        assertThat(numbers("?service=checkout")).containsExactly(5, 4, 1);
        assertThat(numbers("?namespace=shop")).containsExactly(4, 2, 1);
        assertThat(numbers("?scope=cluster=prod-us-1")).containsExactly(5, 4);
        assertThat(numbers("?scope=cluster=prod-eu-1,namespace=shop")).containsExactly(2, 1);
        // updated at 16:30 or later: minutes 30, 40, 50
        assertThat(numbers("?since=2026-11-25T16:30:00Z")).containsExactly(5, 4, 3);
        assertThat(numbers("?status=open&severity=critical&service=checkout&namespace=shop"))
                .containsExactly(1);
        assertThat(numbers("?service=nothing")).isEmpty();
    }

    @Test
    void pagesThroughAFilteredListWithTheCursorUntilTheLastPage() throws IOException {
        List<Integer> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String query = "?severity=critical,error&limit=3"
                    + cursor.map(c -> "&cursor=" + c).orElse("");
            JsonNode page = JSON.readTree(edge.get("/api/v1/incidents" + query).body());
            page.get("items")
                    .forEach(item ->
                            seen.add(Integer.parseInt(item.get("id").asText().substring(4), 16)));
            pageSizes.add(page.get("items").size());
            cursor = page.get("nextCursor").isNull()
                    ? Optional.empty()
                    : Optional.of(page.get("nextCursor").asText());
        } while (cursor.isPresent());

        assertThat(seen).containsExactly(5, 4, 3, 1);
        assertThat(pageSizes).containsExactly(3, 1);
    }

    @Test
    void aFullLastPageHasNoNextCursor() throws IOException {
        JsonNode page = JSON.readTree(
                edge.get("/api/v1/incidents?service=checkout&limit=3").body());

        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "severity=urgent | severity",
                "severity=critical, | severity",
                "scope=cluster | scope",
                "scope=cluster=a,cluster=b | scope",
                "scope==x | scope",
                "scope=namespace=shop&namespace=web | namespace",
                "since=yesterday | since",
                "since=2026-11-25 | since",
            })
    void rejectsABadFilterNamingIt(String query, String field) throws IOException {
        HttpResponse<String> response = edge.get("/api/v1/incidents?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo(field);
    }

    @Test
    void rejectsAnOverlongServiceNamingIt() throws IOException {
        HttpResponse<String> response = edge.get("/api/v1/incidents?service=" + "s".repeat(300));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("service");
    }
}
