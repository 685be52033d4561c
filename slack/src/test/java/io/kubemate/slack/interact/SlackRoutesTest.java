package io.kubemate.slack.interact;

import static io.kubemate.slack.interact.RequestSignatureTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.IncidentView;
import io.kubemate.core.redact.Redactor;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.slack.message.Links;
import io.kubemate.slack.message.Mrkdwn;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /slack/interactions} and {@code /slack/commands} on the real HTTP edge: signature first, then the work. */
class SlackRoutesTest {
    private static final String SECRET = "test-signing-secret-0123456789ab";
    private static final long FIXTURE_TS = 1795625922L;

    private final List<ButtonClick> clicks = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private KubemateHttpServer server;

    private void start(Clock clock, IncidentView view) {
        SlackRoutes routes = new SlackRoutes(
                new RequestSignature(SECRET),
                clock,
                clicks::add,
                new SlashCommand(view, new Mrkdwn(new Redactor()), new Links("http://kubemate.test", "", "", "", "")),
                io.kubemate.core.topic.JsonSerde.newMapper(),
                Runnable::run);
        server = KubemateHttpServer.builder(
                        HttpSettings.defaults().withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(clock),
                        alerts -> {},
                        view,
                        action -> {},
                        new PrometheusRegistry())
                .routes(routes.routes())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private HttpResponse<String> post(String path, byte[] body, String ts, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (ts != null) {
            request.header("X-Slack-Request-Timestamp", ts);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSlackRoutesAreDocumentedInTheServersOpenApiDocumentAsSlackFeatureRoutes() throws Exception {
        start(at(FIXTURE_TS), new io.kubemate.core.incident.IncidentIndex());
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/openapi.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .get("paths");
        List<io.kubemate.webhooks.http.Route> slack = server.routes().stream()
                .filter(r -> r.path().startsWith("/slack/"))
                .toList();
        assertThat(slack).hasSize(2);
        for (io.kubemate.webhooks.http.Route route : slack) {
            com.fasterxml.jackson.databind.JsonNode operation =
                    paths.path(route.path()).path(route.method().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(operation.path("x-kubemate-feature").asText())
                    .as(route.path())
                    .isEqualTo("slack");
            assertThat(operation.path("responses").has("401")).as(route.path()).isTrue();
        }
    }

    @Test
    void theFixtureClickIsAcceptedAndHandedOnWithTheUser() throws Exception {
        start(at(FIXTURE_TS), new io.kubemate.core.incident.IncidentIndex());
        byte[] body = resource("block_actions-request-body.form-urlencoded.txt");
        var response = post(
                "/slack/interactions",
                body,
                String.valueOf(FIXTURE_TS),
                "v0=34fa08b2449983e182471fed707bc8c0be815c7db29ad3abb2154e51c2a61a86");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(clicks)
                .containsExactly(new ButtonClick("incident.ack", "INC-1042", "U0JANE01", "jane", "C0123INCDNT"));
    }

    @Test
    void tamperedStaleUnsignedOrWronglySignedRequestsGet401ProblemsAndDoNothing() throws Exception {
        start(at(FIXTURE_TS), new io.kubemate.core.incident.IncidentIndex());
        byte[] body = resource("block_actions-request-body.form-urlencoded.txt");
        String ts = String.valueOf(FIXTURE_TS);
        String good = new RequestSignature(SECRET).sign(ts, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("incident.ack", "incident.resolve")
                .getBytes(StandardCharsets.UTF_8);
        String old = String.valueOf(FIXTURE_TS - 301);

        List<HttpResponse<String>> refused = List.of(
                post("/slack/interactions", tampered, ts, good),
                post("/slack/interactions", body, old, new RequestSignature(SECRET).sign(old, body)),
                post("/slack/interactions", body, ts, new RequestSignature("another-secret").sign(ts, body)),
                post("/slack/interactions", body, null, null),
                post("/slack/commands", "text=list".getBytes(StandardCharsets.UTF_8), ts, good));
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401");
        });
        assertThat(clicks).isEmpty();
    }

    @Test
    void slashCommandsAnswerEphemeralTextFromTheView() throws Exception {
        var view = new io.kubemate.core.incident.IncidentIndex();
        start(Clock.systemUTC(), view);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        byte[] body = ("command=%2Fkubemate&user_id=U0JANE01&text="
                        + URLEncoder.encode("show inc-00000000000000zz", StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        var response = post("/slack/commands", body, ts, new RequestSignature(SECRET).sign(ts, body));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"response_type\":\"ephemeral\"").contains("is not an incident id");

        byte[] list = "command=%2Fkubemate&text=list".getBytes(StandardCharsets.UTF_8);
        response = post("/slack/commands", list, ts, new RequestSignature(SECRET).sign(ts, list));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("No active incidents.");
    }
}
