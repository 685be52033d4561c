package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.alert.Fingerprint;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost: concurrent clients post thousands of distinct alerts, the Kubemate process is killed
 * with SIGKILL in the middle, restarted on the same data, and every alert that was answered 200 must then sit in
 * exactly one incident, exactly once.
 */
class NothingLostIT {
    private static final int CLIENTS = 4;
    private static final int BATCHES_PER_CLIENT = 40;
    private static final int BATCH = 25;
    private static final int SCOPES = 12;

    @TempDir
    Path dir;

    @Test
    void everyAlertAnswered200SurvivesASigkillExactlyOnce() throws Exception {
        Map<String, String> env = Map.of(
                "KUBEMATE_DATA_DIR", dir.resolve("data").toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_TOPIC_PARTITIONS", "3");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        KubemateProcess first = KubemateProcess.start(env, dir.resolve("first.log"));
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        int[] port = {first.port()};
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> postAll(client, port, accepted, sent)));
        }
        Await.until(
                "half of the batches sent",
                Duration.ofSeconds(120),
                () -> sent.get() >= CLIENTS * BATCHES_PER_CLIENT / 2);
        first.kill();

        try (KubemateProcess second = KubemateProcess.start(env, dir.resolve("second.log"))) {
            port[0] = second.port();
            for (Future<?> f : running) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
            clients.shutdown();
            assertThat(accepted.size()).isGreaterThan(CLIENTS * BATCHES_PER_CLIENT * BATCH / 2);

            Http http = new Http(second.port(), Optional.empty());
            Await.until("every accepted alert in an incident", Duration.ofSeconds(180), () -> membership(http)
                    .keySet()
                    .containsAll(accepted));
            Map<String, Integer> counts = membership(http);
            for (String fingerprint : accepted) {
                assertThat(counts.get(fingerprint))
                        .as("occurrences of %s", fingerprint)
                        .isEqualTo(1);
            }
        }
    }

    /** Posts this client's batches, retrying a batch until it is answered 200 (as Alertmanager would). */
    private static void postAll(int client, int[] port, Set<String> accepted, AtomicInteger sent) {
        for (int b = 0; b < BATCHES_PER_CLIENT; b++) {
            List<Map<String, String>> alerts = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int n = (b * BATCH + i);
                alerts.add(Bodies.labels(
                        "lost-" + (n % SCOPES), "ns-" + client, "Alert" + (n % 7), "c" + client + "-" + n));
            }
            byte[] body = Bodies.webhook(alerts, true);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> response =
                            new Http(port[0], Optional.empty()).post("/webhooks/alertmanager", body);
                    if (response.statusCode() == 200) {
                        alerts.forEach(l -> accepted.add(Fingerprint.of(l).value()));
                        break;
                    }
                } catch (Exception e) {
                    // the process is down: retry like Alertmanager does
                }
                sleepQuietly(200);
            }
            sent.incrementAndGet();
        }
    }

    /** Fingerprint to the number of incident memberships, over every incident. */
    private static Map<String, Integer> membership(Http http) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = http.getJson("/api/v1/incidents?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                JsonNode detail =
                        http.getJson("/api/v1/incidents/" + item.get("id").asText());
                for (JsonNode alert : detail.get("alerts")) {
                    counts.merge(alert.get("fingerprint").asText(), 1, Integer::sum);
                }
            }
            cursor =
                    page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return counts;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
