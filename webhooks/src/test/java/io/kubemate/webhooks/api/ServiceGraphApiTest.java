package io.kubemate.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.evidence.ServiceEdge;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.kubemate.webhooks.http.TestEdge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceGraphApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<ServiceEdge> edges = new ArrayList<>();
    private KubemateHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HttpSettings settings) {
        server = KubemateHttpServer.builder(
                        settings.withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts -> {},
                        new IncidentIndex(),
                        action -> {},
                        new PrometheusRegistry())
                .serviceGraph(() -> List.copyOf(edges))
                .build()
                .start();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static ServiceEdge edge(String caller, String callee, long requests, long errors) {
        return new ServiceEdge(
                caller,
                callee,
                T0.minusSeconds(300),
                T0,
                requests,
                errors,
                requests / 300.0,
                requests == 0 ? 0 : (double) errors / requests,
                41.5,
                T0.minusSeconds(2));
    }

    @Test
    void listsTheEdgesWithExactlyTheDocumentedFields() throws Exception {
        // given
        edges.add(edge("checkout", "payments", 300, 30));
        edges.add(edge("payments", "postgresql", 600, 0));
        start(HttpSettings.defaults());

        // when
        HttpResponse<String> response = get("/api/v1/service-graph");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("edges");
        assertThat(body.get("edges")).hasSize(2);
        JsonNode first = body.get("edges").get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly(
                        "caller",
                        "callee",
                        "requestRate",
                        "errorRate",
                        "p95Millis",
                        "requests",
                        "errors",
                        "windowStart",
                        "windowEnd",
                        "lastSeen");
        assertThat(first.get("caller").asText()).isEqualTo("checkout");
        assertThat(first.get("callee").asText()).isEqualTo("payments");
        assertThat(first.get("requestRate").asDouble()).isEqualTo(1.0);
        assertThat(first.get("errorRate").asDouble()).isEqualTo(0.1);
        assertThat(first.get("p95Millis").asDouble()).isEqualTo(41.5);
        assertThat(first.get("requests").asLong()).isEqualTo(300);
        assertThat(first.get("errors").asLong()).isEqualTo(30);
        assertThat(first.get("windowStart").asText()).isEqualTo("2026-11-25T09:55:00Z");
        assertThat(first.get("windowEnd").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(first.get("lastSeen").asText()).isEqualTo("2026-11-25T09:59:58Z");
    }

    @Test
    void filtersToTheEdgesTouchingOneService() throws Exception {
        // given
        edges.add(edge("checkout", "payments", 1, 0));
        edges.add(edge("frontend", "checkout", 1, 0));
        edges.add(edge("payments", "postgresql", 1, 0));
        start(HttpSettings.defaults());

        // when
        JsonNode body = json(get("/api/v1/service-graph?service=checkout"));

        // then
        List<String> callers = new ArrayList<>();
        body.get("edges")
                .forEach(e -> callers.add(
                        e.get("caller").asText() + "->" + e.get("callee").asText()));
        assertThat(callers).containsExactly("checkout->payments", "frontend->checkout");
    }

    @Test
    void aMalformedServiceIsAProblemNamingTheParameter() throws Exception {
        // given
        start(HttpSettings.defaults());

        // when
        HttpResponse<String> response =
                get("/api/v1/service-graph?service=" + URLEncoder.encode("a\nb", StandardCharsets.UTF_8));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("field").asText()).isEqualTo("service");
    }

    @Test
    void needsTheApiTokenWhenOneIsSet() throws Exception {
        // given
        edges.add(edge("checkout", "payments", 1, 0));
        start(HttpSettings.defaults().withApiToken("api-secret"));

        // when
        HttpResponse<String> anonymous = get("/api/v1/service-graph");
        HttpResponse<String> authorized = get("/api/v1/service-graph", "Authorization", "Bearer api-secret");

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(json(authorized).get("edges")).hasSize(1);
    }

    @Test
    void withoutAServiceGraphTheGraphIsEmpty() throws Exception {
        try (TestEdge edge = new TestEdge()) {
            HttpResponse<String> response = edge.get("/api/v1/service-graph");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("edges")).isEmpty();
        }
    }
}
