package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Alertmanager (Debian's {@code prometheus-alertmanager}): alerts posted to Alertmanager's
 * own API for two namespaces reach Kubemate through a bearer-authenticated {@code webhook_configs} entry and become
 * two incidents; resolving them in Alertmanager resolves the incidents. Under {@code CI=true} a missing binary fails
 * the test instead of skipping it.
 */
class AlertmanagerE2EIT {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final String TOKEN = "e2e-s3cr3t";

    @TempDir
    Path dir;

    @Test
    void alertsPostedToAlertmanagerBecomeIncidentsAndResolveThere() throws Exception {
        requireAlertmanager();
        KubemateConfig config = KubemateConfig.load(Map.of(
                "KUBEMATE_DATA_DIR", dir.resolve("data").toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_WEBHOOK_TOKEN", TOKEN,
                "KUBEMATE_RESOLVE_AFTER", "2s",
                "KUBEMATE_TOPIC_PARTITIONS", "2"));
        try (Kubemate kubemate = Kubemate.start(config, line -> {})) {
            int amPort = freePort();
            Process alertmanager = startAlertmanager(kubemate.httpPort(), amPort);
            try {
                Http am = new Http(amPort, Optional.empty());
                Await.until(
                        "alertmanager ready",
                        Duration.ofSeconds(30),
                        () -> am.get("/-/ready").statusCode() == 200);
                Http api = new Http(kubemate.httpPort(), Optional.empty());

                assertThat(am.post("/api/v2/alerts", alerts(null)).statusCode()).isEqualTo(200);
                Await.until(
                        "two incidents from Alertmanager's webhooks",
                        Duration.ofSeconds(60),
                        () -> e2eIncidents(api).size() == 2
                                && e2eIncidents(api).stream()
                                        .allMatch(i -> i.get("firingCount").asInt() == 2));
                assertThat(e2eIncidents(api))
                        .extracting(i -> i.get("scope").get("namespace").asText())
                        .containsExactlyInAnyOrder("payments", "search");

                assertThat(am.post("/api/v2/alerts", alerts(Instant.now())).statusCode())
                        .isEqualTo(200);
                Await.until("both incidents resolved", Duration.ofSeconds(90), () -> e2eIncidents(api).stream()
                        .allMatch(i -> i.get("status").asText().equals("resolved")));
            } finally {
                alertmanager.destroy();
                alertmanager.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static void requireAlertmanager() {
        boolean present = Files.isExecutable(BINARY);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present)
                    .as("prometheus-alertmanager must be installed in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(
                present, "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
    }

    private Process startAlertmanager(int kubematePort, int amPort) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(
                config,
                """
                route:
                  receiver: kubemate
                  group_by: [alertname, namespace]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: kubemate
                    webhook_configs:
                      - url: http://127.0.0.1:%d/webhooks/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """
                        .formatted(kubematePort, TOKEN));
        return new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + amPort,
                        "--cluster.listen-address=",
                        "--log.level=info"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
    }

    /** Two alerts in each of two namespaces; {@code endsAt} null means firing. */
    private static byte[] alerts(Instant endsAt) {
        StringBuilder json = new StringBuilder("[");
        String[][] alerts = {
            {"payments", "KubePodCrashLooping", "payments-0"},
            {"payments", "KubePodCrashLooping", "payments-1"},
            {"search", "HighLatency", "search-0"},
            {"search", "HighErrorRate", "search-0"}
        };
        for (int i = 0; i < alerts.length; i++) {
            String[] a = alerts[i];
            json.append(i == 0 ? "" : ",")
                    .append("{\"labels\":{\"alertname\":\"")
                    .append(a[1])
                    .append("\",\"cluster\":\"e2e\",\"namespace\":\"")
                    .append(a[0])
                    .append("\",\"pod\":\"")
                    .append(a[2])
                    .append("\",\"service\":\"")
                    .append(a[0])
                    .append("\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"e2e ")
                    .append(a[1])
                    .append("\"},\"startsAt\":\"2026-11-25T10:00:00Z\"")
                    .append(endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"")
                    .append("}");
        }
        return json.append("]").toString().getBytes();
    }

    private static List<JsonNode> e2eIncidents(Http api) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : api.getJson("/api/v1/incidents").get("items")) {
            if (item.get("scope").path("cluster").asText().equals("e2e")) {
                found.add(item);
            }
        }
        return found;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
