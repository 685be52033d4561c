package io.kubemate.webhooks.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemate.core.error.UnavailableException;
import io.kubemate.core.incident.IncidentIndex;
import io.kubemate.ingest.alertmanager.AlertmanagerWebhookParser;
import io.kubemate.webhooks.http.HttpSettings;
import io.kubemate.webhooks.http.KubemateHttpServer;
import io.kubemate.webhooks.http.TestEdge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryReceiversTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOBUF = "application/x-protobuf";

    private TestEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = TelemetryReceiversTest.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        var request = edge.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode problem(HttpResponse<byte[]> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        return JSON.readTree(response.body());
    }

    private static byte[] gzip(byte[] body) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void aLokiPushInEitherEncodingIs204AndReachesTheSink() {
        edge = new TestEdge();

        var json = post("/loki/api/v1/push", "application/json", fixture("loki/loki4j-2.1.0-push.json"));
        var protobuf = post("/loki/api/v1/push", PROTOBUF, fixture("loki/loki4j-2.1.0-push.pb.snappy"));
        var untyped = post("/loki/api/v1/push", null, fixture("loki/loki4j-2.1.0-push.pb.snappy"));

        assertThat(List.of(json.statusCode(), protobuf.statusCode(), untyped.statusCode()))
                .containsOnly(204);
        assertThat(edge.telemetry.logs).hasSize(9);
        assertThat(edge.telemetry.logs.subList(0, 3)).isEqualTo(edge.telemetry.logs.subList(3, 6));
        assertThat(edge.telemetry.logs.get(2).severity()).isEqualTo("error");
    }

    @Test
    void aGzipLokiPushIsInflated() throws IOException {
        edge = new TestEdge();

        var response = post(
                "/loki/api/v1/push",
                "application/json",
                gzip(fixture("loki/loki4j-2.1.0-push.json")),
                "Content-Encoding",
                "gzip");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(edge.telemetry.logs).hasSize(3);
    }

    @Test
    void otlpProtobufTracesAreAnsweredWithAnEmptyProtobufResponse() {
        edge = new TestEdge();

        var response = post("/v1/traces", PROTOBUF, fixture("otlp/sdk-java-1.68.0-traces-payments.pb"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(PROTOBUF));
        assertThat(response.body()).isEmpty();
        assertThat(edge.telemetry.spans).hasSize(2).allSatisfy(s -> assertThat(s.service())
                .isEqualTo("payments"));
    }

    @Test
    void otlpJsonLogsSentChunkedAreAnsweredWithAnEmptyJsonObject() {
        edge = new TestEdge();
        byte[] body = fixture("otlp/sdk-java-1.68.0-logs-payments.json");
        // an input-stream publisher has no length: the client sends Transfer-Encoding: chunked, as the OTel SDK does
        var request = edge.request("/v1/logs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        var response = send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(edge.telemetry.logs).singleElement().satisfies(l -> assertThat(l.source())
                .isEqualTo("otlp"));
    }

    @Test
    void protobufJsonFormatOutputIsA400NamingTheIdAndWhy() throws IOException {
        edge = new TestEdge();

        var response = post(
                "/v1/traces",
                "application/json",
                fixture("otlp/NOT-OTLP-JSON-protobuf-JsonFormat-of-traces-payments.json"));

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("field").asText()).isEqualTo("/resourceSpans/0/scopeSpans/0/spans/0/traceId");
        assertThat(problem.get("detail").asText()).contains("base64").contains("not OTLP JSON");
        assertThat(edge.telemetry.spans).isEmpty();
    }

    @Test
    void aTektonEventInBinaryModeAndPlainChangesAreAccepted() throws IOException {
        edge = new TestEdge();
        String data = "{\"pipelineRun\":{\"metadata\":{\"name\":\"r\",\"labels\":{\"app.kubernetes.io/name\":"
                + "\"payments\"}},\"status\":{\"pipelineResults\":[{\"name\":\"version\",\"value\":\"3.2.1\"}]}}}";

        var tekton = post(
                "/webhooks/changes",
                "application/json",
                data.getBytes(StandardCharsets.UTF_8),
                "Ce-Specversion",
                "1.0",
                "Ce-Id",
                "e-1",
                "Ce-Source",
                "/apis/tekton.dev/v1beta1/namespaces/ci/PipelineRun/r",
                "Ce-Type",
                "dev.tekton.event.pipelinerun.successful.v1");
        var plain = post(
                "/webhooks/changes",
                "application/json",
                "[{\"service\":\"checkout\",\"version\":\"1\"},{\"service\":\"search\"}]"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(JSON.readTree(tekton.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(plain.body()).get("accepted").asInt()).isEqualTo(2);
        assertThat(edge.telemetry.changes.get(0).version()).isEqualTo("3.2.1");
        assertThat(edge.telemetry.changes.get(0).outcome()).isEqualTo("succeeded");
    }

    @Test
    void everyReceiverNeedsTheWebhookTokenWhenOneIsSet() throws IOException {
        edge = new TestEdge(HttpSettings.defaults().withWebhookToken("t0k"));
        byte[] change = "{\"service\":\"a\"}".getBytes(StandardCharsets.UTF_8);

        for (String path : List.of("/loki/api/v1/push", "/v1/traces", "/v1/logs", "/webhooks/changes")) {
            assertThat(problem(post(path, "application/json", change), 401)
                            .get("type")
                            .asText())
                    .endsWith("/unauthorized");
        }
        assertThat(post("/webhooks/changes", "application/json", change, "Authorization", "Bearer t0k")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownMediaTypesAndEncodingsAre415() throws IOException {
        edge = new TestEdge();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(problem(post("/v1/traces", "text/plain", body), 415)
                        .get("detail")
                        .asText())
                .contains("application/x-protobuf");
        problem(post("/v1/logs", null, body), 415);
        problem(post("/loki/api/v1/push", "text/plain", body), 415);
        problem(post("/webhooks/changes", "application/xml", body), 415);
        assertThat(problem(post("/v1/traces", "application/json", body, "Content-Encoding", "br"), 415)
                        .get("detail")
                        .asText())
                .contains("gzip");
    }

    @Test
    void bodiesAndInflatedBodiesAreBounded() throws IOException {
        edge = new TestEdge(HttpSettings.defaults().withMaxBodyBytes(2_000));

        problem(post("/v1/traces", "application/json", new byte[3_000]), 413);
        byte[] bomb = gzip(("{\"resourceSpans\":[]}" + " ".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(2_000);
        assertThat(problem(post("/v1/traces", "application/json", bomb, "Content-Encoding", "gzip"), 413)
                        .get("detail")
                        .asText())
                .contains("inflates");
        problem(post("/v1/traces", "application/json", "not gzip".getBytes(), "Content-Encoding", "gzip"), 400);
        assertThat(edge.telemetry.spans).isEmpty();
    }

    @Test
    void answers503WithRetryAfterWhenKafkaIsUnavailable() throws IOException {
        edge = new TestEdge();
        edge.telemetry.failure = new UnavailableException("Kafka did not acknowledge", Duration.ofSeconds(5), null);

        var response = post("/v1/traces", PROTOBUF, fixture("otlp/sdk-java-1.68.0-traces-payments.pb"));

        problem(response, 503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(edge.telemetry.spans).isEmpty();
    }

    @Test
    void aServerBuiltWithoutTelemetryAnswers503() throws IOException {
        var server = KubemateHttpServer.builder(
                        HttpSettings.defaults().withHost("127.0.0.1").withPort(0),
                        new AlertmanagerWebhookParser(Clock.systemUTC()),
                        alerts -> {},
                        new IncidentIndex(),
                        action -> {},
                        new PrometheusRegistry())
                .build()
                .start();
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/changes"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"a\"}"))
                    .build();

            assertThat(JSON.readTree(send(request).body()).get("detail").asText())
                    .contains("not configured");
        } finally {
            server.close();
        }
    }

    @Test
    void countsRequestsRejectsAndAcceptedRecords() {
        edge = new TestEdge();
        post("/v1/traces", PROTOBUF, fixture("otlp/sdk-java-1.68.0-traces-payments.pb"));
        post("/loki/api/v1/push", "application/json", fixture("loki/loki4j-2.1.0-push.json"));
        post("/webhooks/changes", "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        String metrics = edge.get("/metrics").body();

        assertThat(metrics)
                .contains("kubemate_telemetry_requests_total{outcome=\"accepted\",receiver=\"otlp_traces\"} 1.0")
                .contains("kubemate_telemetry_requests_total{outcome=\"accepted\",receiver=\"loki\"} 1.0")
                .contains("kubemate_telemetry_rejects_total{reason=\"invalid\",receiver=\"changes\"} 1.0")
                .contains("kubemate_telemetry_rejects_total{reason=\"body_too_large\",receiver=\"otlp_logs\"} 0.0")
                .contains("kubemate_telemetry_records_accepted_total{kind=\"spans\"} 2.0")
                .contains("kubemate_telemetry_records_accepted_total{kind=\"logs\"} 3.0")
                .contains("kubemate_http_request_duration_seconds_count{route=\"POST /v1/traces\"} 1");
    }
}
