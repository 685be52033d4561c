package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka integration suite: the webhook's durability contract, correlation into incidents through the API,
 * actions, a restart with the same data, and Kafka going away. Each subclass supplies a real Kafka: the embedded
 * broker here, a Testcontainers broker where Docker exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KafkaIntegrationContract {
    static final String TOKEN = "it-webhook-token";

    @TempDir
    static Path dataDir;

    Kubemate kubemate;
    Http http;

    /** Extra environment naming the Kafka to use (empty for the embedded broker). */
    abstract Map<String, String> kafkaEnvironment();

    /** Makes Kafka unreachable for the rest of the class. */
    abstract void stopKafka() throws Exception;

    @BeforeAll
    void startKubemate() {
        kubemate = Kubemate.start(config(), line -> {});
        http = new Http(kubemate.httpPort(), Optional.of(TOKEN));
    }

    @AfterAll
    void stopKubemate() {
        if (kubemate != null) {
            kubemate.close();
        }
    }

    KubemateConfig config() {
        Map<String, String> env = new HashMap<>(kafkaEnvironment());
        env.put("KUBEMATE_DATA_DIR", dataDir.toString());
        env.put("KUBEMATE_HTTP_PORT", "0");
        env.put("KUBEMATE_HTTP_HOST", "127.0.0.1");
        env.put("KUBEMATE_WEBHOOK_TOKEN", TOKEN);
        env.put("KUBEMATE_API_TOKEN", TOKEN);
        env.put("KUBEMATE_TOPIC_PARTITIONS", "3");
        return KubemateConfig.load(env);
    }

    @Test
    @Order(1)
    void answers200OnlyOnceEveryAlertIsInKafka() throws Exception {
        HttpResponse<String> response =
                http.post("/webhooks/alertmanager", Bodies.fixture("04-grouped-mixed-firing-resolved"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response.body()).get("accepted").asInt()).isEqualTo(4);
        // read right after the answer, without waiting: the records must already be there
        Map<String, String> records = readAlertsRaw();
        assertThat(records.keySet())
                .contains("f32ac8a4cb9eb94f", "b28ea1f92537b79c", "22fbec55e0d014ce", "4b3888b732702982");
        assertThat(records.get("22fbec55e0d014ce"))
                .contains("\"status\":\"resolved\"")
                .contains("KubePodCrashLooping")
                .contains("webhook-ok");
    }

    @Test
    @Order(2)
    void rejectsAnInvalidBodyWithoutWritingAnything() throws Exception {
        int before = readAlertsRaw().size();
        String body = new String(Bodies.fixture("01-firing-single"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"startsAt\":\"", "\"startsAt\":\"yesterday");

        HttpResponse<String> response = http.post("/webhooks/alertmanager", body.getBytes());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("/alerts/0/startsAt");
        assertThat(readAlertsRaw()).hasSize(before);
    }

    @Test
    @Order(3)
    void correlatesTwoNamespacesIntoTwoIncidentsAndAppliesAnAcknowledge() throws Exception {
        List<Map<String, String>> a = List.of(
                Bodies.labels("it-1", "alpha", "DiskFull", "a1"), Bodies.labels("it-1", "alpha", "HighLoad", "a2"));
        List<Map<String, String>> b = List.of(Bodies.labels("it-1", "beta", "DiskFull", "b1"));

        assertThat(http.post("/webhooks/alertmanager", Bodies.webhook(a, true)).statusCode())
                .isEqualTo(200);
        assertThat(http.post("/webhooks/alertmanager", Bodies.webhook(b, true)).statusCode())
                .isEqualTo(200);

        Await.until("two incidents in cluster it-1", Duration.ofSeconds(60), () -> {
            List<JsonNode> found = incidentsIn("it-1");
            return found.size() == 2
                    && found.stream()
                            .anyMatch(i ->
                                    i.get("scope").get("namespace").asText().equals("alpha")
                                            && i.get("alertCount").asInt() == 2);
        });
        List<JsonNode> incidents = incidentsIn("it-1");
        JsonNode alpha = incidents.stream()
                .filter(i -> i.get("scope").get("namespace").asText().equals("alpha"))
                .findFirst()
                .orElseThrow();
        assertThat(alpha.get("alertCount").asInt()).isEqualTo(2);
        assertThat(alpha.get("status").asText()).isEqualTo("open");

        String id = alpha.get("id").asText();
        HttpResponse<String> ack =
                http.post("/api/v1/incidents/" + id + "/acknowledge", "{\"actor\":\"it\"}".getBytes());
        assertThat(ack.statusCode()).isIn(200, 202);
        Await.until("acknowledged", Duration.ofSeconds(30), () -> http.getJson("/api/v1/incidents/" + id)
                .get("status")
                .asText()
                .equals("acknowledged"));
        JsonNode detail = http.getJson("/api/v1/incidents/" + id);
        assertThat(detail.get("alerts")).hasSize(2);
        assertThat(detail.get("timeline").toString()).contains("acknowledged");
    }

    @Test
    @Order(4)
    void keepsEveryIncidentAcrossARestartWithTheSameData() throws Exception {
        Map<String, Long> before = versionsIn("it-1");
        assertThat(before).hasSize(2);

        kubemate.close();
        kubemate = Kubemate.start(config(), line -> {});
        http = new Http(kubemate.httpPort(), Optional.of(TOKEN));

        Await.until("incidents back after restart", Duration.ofSeconds(60), () -> versionsIn("it-1")
                .equals(before));
        List<Map<String, String>> more = List.of(Bodies.labels("it-1", "alpha", "DiskFull", "a3"));
        assertThat(http.post("/webhooks/alertmanager", Bodies.webhook(more, true))
                        .statusCode())
                .isEqualTo(200);
        Await.until(
                "the restarted streams keep correlating into the same incident",
                Duration.ofSeconds(60),
                () -> incidentsIn("it-1").stream()
                        .anyMatch(i -> i.get("alertCount").asInt() == 3));
        assertThat(incidentsIn("it-1")).hasSize(2);
    }

    @Test
    @Order(5)
    void answers503WithRetryAfterWhenKafkaIsDown() throws Exception {
        stopKafka();
        List<Map<String, String>> alerts = List.of(Bodies.labels("it-1", "gamma", "Down", "g1"));

        long started = System.nanoTime();
        HttpResponse<String> response = http.post("/webhooks/alertmanager", Bodies.webhook(alerts, true));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        Await.until(
                "readyz reports Kafka down",
                Duration.ofSeconds(30),
                () -> http.get("/readyz").statusCode() == 503);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    }

    private List<JsonNode> incidentsIn(String cluster) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : http.getJson("/api/v1/incidents?limit=500").get("items")) {
            if (item.get("scope").path("cluster").asText().equals(cluster)) {
                found.add(item);
            }
        }
        return found;
    }

    private Map<String, Long> versionsIn(String cluster) throws Exception {
        return incidentsIn(cluster).stream()
                .collect(Collectors.toMap(
                        i -> i.get("id").asText(), i -> i.get("version").asLong()));
    }

    /** Every record of the raw alerts topic, fingerprint to value. */
    private Map<String, String> readAlertsRaw() {
        Map<String, String> records = new HashMap<>();
        for (var record : new TopicRecords(kubemate.bootstrapServers()).readAll("kubemate.alerts.raw")) {
            records.put(text(record.key()), text(record.value()));
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
