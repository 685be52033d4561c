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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merge and split end to end on the embedded broker: named API tokens from the environment, the admin scope, the
 * actions applied by the streams, moved alerts leaving the merged incident in the view (member tombstones), and the
 * moved alerts' later firings following them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergeSplitIT {
    private static final String WEBHOOK = "it-webhook-token";
    private static final String OPS = "it-ops-token";
    private static final String BOSS = "it-boss-token";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private Kubemate kubemate;
    private Http webhook;
    private Http ops;
    private Http boss;

    @BeforeAll
    void start() {
        kubemate = Kubemate.start(
                KubemateConfig.load(Map.of(
                        "KUBEMATE_DATA_DIR",
                        dataDir.toString(),
                        "KUBEMATE_HTTP_PORT",
                        "0",
                        "KUBEMATE_HTTP_HOST",
                        "127.0.0.1",
                        "KUBEMATE_WEBHOOK_TOKEN",
                        WEBHOOK,
                        "KUBEMATE_API_TOKENS",
                        "ops:read,write:" + OPS + ";boss:read,write,admin:" + BOSS,
                        "KUBEMATE_TOPIC_PARTITIONS",
                        "3")),
                line -> {});
        webhook = new Http(kubemate.httpPort(), Optional.of(WEBHOOK));
        ops = new Http(kubemate.httpPort(), Optional.of(OPS));
        boss = new Http(kubemate.httpPort(), Optional.of(BOSS));
    }

    @AfterAll
    void stop() {
        if (kubemate != null) {
            kubemate.close();
        }
    }

    private List<JsonNode> incidents() throws Exception {
        List<JsonNode> found = new ArrayList<>();
        ops.getJson("/api/v1/incidents?scope=cluster=it-m&limit=500")
                .get("items")
                .forEach(found::add);
        return found;
    }

    private JsonNode in(String namespace) throws Exception {
        return incidents().stream()
                .filter(i -> i.get("scope").get("namespace").asText().equals(namespace))
                .filter(i -> i.get("mergedInto").isNull())
                .findFirst()
                .orElseThrow();
    }

    private JsonNode detail(String id) throws Exception {
        return ops.getJson("/api/v1/incidents/" + id);
    }

    private static List<String> fingerprints(JsonNode detail) {
        List<String> fingerprints = new ArrayList<>();
        detail.get("alerts").forEach(a -> fingerprints.add(a.get("fingerprint").asText()));
        return fingerprints;
    }

    @Test
    void mergeThenSplitMoveAlertsAndTheirLaterFirings() throws Exception {
        // given two incidents of one cluster
        Map<String, String> disk = Bodies.labels("it-m", "alpha", "DiskFull", "a1");
        Map<String, String> load = Bodies.labels("it-m", "beta", "HighLoad", "b1");
        assertThat(webhook.post("/webhooks/alertmanager", Bodies.webhook(List.of(disk), true))
                        .statusCode())
                .isEqualTo(200);
        assertThat(webhook.post("/webhooks/alertmanager", Bodies.webhook(List.of(load), true))
                        .statusCode())
                .isEqualTo(200);
        Await.until("two incidents", DEADLINE, () -> incidents().size() == 2);
        String alpha = in("alpha").get("id").asText();
        String beta = in("beta").get("id").asText();
        String loadFingerprint = fingerprints(detail(beta)).get(0);
        byte[] mergeBody = ("{\"other\":\"" + beta + "\"}").getBytes(StandardCharsets.UTF_8);

        // when a token without the admin scope asks, then one with it
        HttpResponse<String> refused = ops.post("/api/v1/incidents/" + alpha + "/merge", mergeBody);
        HttpResponse<String> merged = boss.post("/api/v1/incidents/" + alpha + "/merge", mergeBody);

        // then only the admin's merge happens, recorded under the token's name
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(merged.statusCode()).isIn(200, 202);
        Await.until(
                "beta merged into alpha",
                DEADLINE,
                () -> alpha.equals(detail(beta).get("mergedInto").asText())
                        && detail(beta).get("alerts").isEmpty()
                        && fingerprints(detail(alpha)).contains(loadFingerprint));
        assertThat(detail(beta).get("status").asText()).isEqualTo("resolved");
        assertThat(detail(alpha).get("timeline").toString()).contains("merged " + beta + " (1 alert) by boss");

        // and the moved alert's resolution lands in alpha
        assertThat(webhook.post("/webhooks/alertmanager", Bodies.webhook(List.of(load), false))
                        .statusCode())
                .isEqualTo(200);
        Await.until(
                "the moved alert resolves in alpha",
                DEADLINE,
                () -> detail(alpha).get("firingCount").asInt() == 1);
        long betaVersion = detail(beta).get("version").asLong();

        // when the same alert is split off again
        HttpResponse<String> split = boss.post(
                "/api/v1/incidents/" + alpha + "/split",
                ("{\"alerts\":[\"" + loadFingerprint + "\"]}").getBytes(StandardCharsets.UTF_8));

        // then a new incident holds it, and its next firing goes there
        assertThat(split.statusCode()).isIn(200, 202);
        String created = split.headers().firstValue("Location").orElseThrow();
        Await.until(
                "the split incident holds the alert",
                DEADLINE,
                () -> ops.get(created).statusCode() == 200
                        && fingerprints(ops.getJson(created)).equals(List.of(loadFingerprint))
                        && !fingerprints(detail(alpha)).contains(loadFingerprint));
        assertThat(webhook.post("/webhooks/alertmanager", Bodies.webhook(List.of(load), true))
                        .statusCode())
                .isEqualTo(200);
        Await.until(
                "the split alert fires in its new incident",
                DEADLINE,
                () -> ops.getJson(created).get("firingCount").asInt() == 1);
        assertThat(detail(alpha).get("alertCount").asInt()).isEqualTo(1);
        assertThat(detail(beta).get("version").asLong()).isEqualTo(betaVersion);
    }
}
