package io.kubemate.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.alert.RawAlert;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubemateHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEdge edge = new TestEdge();

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheServedRoutes() throws IOException {
        var response = edge.get("/api/v1/openapi.json");
        JsonNode doc = JSON.readTree(response.body());

        Set<String> documented = new HashSet<>();
        // routes of optional feature modules (x-kubemate-feature, e.g. slack) are checked by those modules' tests
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    if (!method.getValue().has("x-kubemate-feature")) {
                        documented.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        Set<String> served = new HashSet<>();
        for (Route route : edge.server.routes()) {
            served.add(route.method().name() + " " + route.path());
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        assertThat(served).hasSize(edge.server.routes().size()).contains("POST /webhooks/alertmanager");
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyDocumentedApiRouteDeclaresTheScopeItIsServedWith() throws IOException {
        JsonNode paths = JSON.readTree(edge.get("/api/v1/openapi.json").body()).get("paths");

        List<Route> api = edge.server.routes().stream().filter(Route::isApi).toList();
        assertThat(api).isNotEmpty();
        for (Route route : api) {
            JsonNode operation =
                    paths.path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
            String name = route.method() + " " + route.path();
            assertThat(operation.path("x-kubemate-scope").asText())
                    .as(name + " x-kubemate-scope")
                    .isEqualTo(route.scope().wireName());
            assertThat(operation.path("security").toString()).as(name).contains("apiToken");
            assertThat(operation.path("responses").has("401"))
                    .as(name + " documents 401")
                    .isTrue();
            assertThat(operation.path("responses").has("403"))
                    .as(name + " documents 403")
                    .isTrue();
        }
    }

    @Test
    void anUnknownRouteIsA404Problem() throws IOException {
        var response = edge.get("/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://kubemate.io/problems/not-found");
        assertThat(problem.get("instance").asText()).isEqualTo("/nope");
    }

    @Test
    void errorsJettyAnswersItselfAreProblemsToo() throws IOException {
        String response;
        try (var socket = new java.net.Socket("127.0.0.1", edge.server.port())) {
            socket.getOutputStream()
                    .write("GET /api/v1/incidents/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"type\":\"https://kubemate.io/problems/bad-request\"")
                .doesNotContain("<html>");
    }

    @Test
    void headersOverJettysLimitAreA431ProblemWithItsOwnType() throws IOException {
        // found by the fuzz test (CloudEvents binary-mode headers of kilobytes): the type was a generic "http-431"
        var response = edge.send(edge.request("/webhooks/changes")
                .header("ce-id", "x".repeat(20_000))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(JSON.readTree(response.body()).get("type").asText())
                .isEqualTo("https://kubemate.io/problems/header-fields-too-large");
    }

    @Test
    void aWrongMethodIsA405Problem() throws IOException {
        var response = edge.send(edge.request("/webhooks/alertmanager").GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("type").asText())
                .isEqualTo("https://kubemate.io/problems/method-not-allowed");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500WithoutDetails() throws IOException {
        edge.alerts.failure = new IllegalStateException("secret internals at db.example:5432");

        var response = edge.postJson("/webhooks/alertmanager", TestEdge.fixture("01-firing-single.body.json"));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://kubemate.io/problems/internal-error");
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }

    @Test
    void closingWaitsForARunningRequestToFinish() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = new SlowSink(entered, release);
        edge.close();
        edge = null;
        var server = KubemateHttpServer.builder(
                        HttpSettings.defaults().withHost("127.0.0.1").withPort(0),
                        new io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser(java.time.Clock.systemUTC()),
                        slow,
                        new io.kubemate.core.incident.IncidentIndex(),
                        action -> {},
                        new io.prometheus.metrics.model.registry.PrometheusRegistry())
                .build()
                .start();
        var client = java.net.http.HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/webhooks/alertmanager"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEdge.fixture("01-firing-single.body.json")))
                .build();
        var inFlight = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        var closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(200);
        assertThat(closing).isNotDone();
        release.countDown();

        closing.get(10, TimeUnit.SECONDS);
        assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    /** A sink that blocks until released, standing in for a slow Kafka acknowledgement. */
    private record SlowSink(CountDownLatch entered, CountDownLatch release)
            implements io.kubemate.core.alert.AlertSink {
        @Override
        public void appendAll(List<RawAlert> alerts) {
            entered.countDown();
            try {
                release.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
