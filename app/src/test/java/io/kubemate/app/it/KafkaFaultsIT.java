package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.core.alert.Fingerprint;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real three-node KRaft cluster (three broker processes) shared by two {@code kubemate run} processes
 * with the same application id, under steady load from clients that post to whichever instance answers (as
 * Alertmanager behind a Kubernetes Service would):
 *
 * <ol>
 *   <li>SIGKILL one broker a third of the way in, then SIGKILL one Kubemate instance two thirds in. Every alert
 *       answered 200 must end up exactly once in exactly one incident, and the incidents must be the ones a run
 *       without faults gives: one per correlation scope (cluster, namespace), holding every alert of that scope.
 *       The surviving instance serves the whole API and has taken over the dead one's partitions.
 *   <li>Then all three brokers down: the receiver answers 503, the process stays healthy ({@code /healthz} 200, not
 *       ready); after the brokers return, every later 200 is durable (in an incident).
 * </ol>
 *
 * Summaries are off ({@code KUBEMATE_RCA_WORKERS=0}): this test is about intake and correlation.
 */
class KafkaFaultsIT {
    private static final int CLIENTS = 4;
    private static final int BATCHES_PER_CLIENT = 36;
    private static final int BATCH = 20;
    private static final int CLUSTERS = 4;

    // kept when the test fails: the brokers' and instances' logs are the diagnosis
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyAcceptedAlertEndsUpExactlyOnceThroughABrokerCrashAnInstanceCrashAndAFullOutage() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(dir.resolve("kafka"))) {
            Path clientConfig = dir.resolve("kafka-client.properties");
            // fail over in seconds rather than the default 45 s session timeout
            Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
            KubemateProcess a = KubemateProcess.start(env(kafka, clientConfig, "a"), dir.resolve("a.log"));
            KubemateProcess b = KubemateProcess.start(env(kafka, clientConfig, "b"), dir.resolve("b.log"));
            try (a;
                    b) {
                int[] ports = {a.port(), b.port()};
                AtomicIntegerArray down = new AtomicIntegerArray(2);
                Set<String> accepted = ConcurrentHashMap.newKeySet();
                AtomicInteger sent = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    running.add(clients.submit(() -> postAll(client, ports, down, accepted, sent)));
                }
                int total = CLIENTS * BATCHES_PER_CLIENT;
                Await.until("a third of the batches sent", Duration.ofSeconds(180), () -> sent.get() >= total / 3);
                kafka.kill(1);
                Await.until("two thirds sent", Duration.ofSeconds(180), () -> sent.get() >= 2 * total / 3);
                down.set(1, 1);
                b.kill();
                for (Future<?> f : running) {
                    f.get(6, TimeUnit.MINUTES);
                }
                clients.shutdown();
                assertThat(accepted).hasSizeGreaterThan(total * BATCH / 2);

                Http http = new Http(a.port(), Optional.empty());
                Set<String> missing = new HashSet<>(accepted);
                try {
                    Await.until(
                            "every accepted alert in an incident on the surviving instance",
                            Duration.ofSeconds(180),
                            () -> {
                                missing.retainAll(accepted);
                                missing.removeAll(memberships(incidents(http)).keySet());
                                return missing.isEmpty();
                            });
                } catch (AssertionError e) {
                    throw new AssertionError(
                            missing.size() + " of " + accepted.size() + " accepted alerts missing " + "(logs in " + dir
                                    + "); /metrics lag: " + lagLines(http),
                            e);
                }
                Map<String, Set<String>> incidents = incidents(http);
                Map<String, Integer> memberships = memberships(incidents);
                assertThat(memberships).allSatisfy((fingerprint, n) -> assertThat(n)
                        .as("incidents holding %s", fingerprint)
                        .isEqualTo(1));
                assertThat(scopesOf(incidents))
                        .as("incident per scope, as without faults")
                        .isEqualTo(expectedScopes(memberships.keySet()));

                outage(kafka, a, http);
            }
        }
    }

    /** All brokers down: 503 and healthy; back: every later 200 is durable. */
    private void outage(KafkaCluster kafka, KubemateProcess a, Http http) throws Exception {
        kafka.kill(0);
        kafka.kill(2);
        byte[] during = Bodies.webhook(List.of(Bodies.labels("outage", "ns-x", "Outage", "during")), true);
        HttpResponse<String> refused = http.post("/webhooks/alertmanager", during);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        Await.until(
                "not ready without Kafka",
                Duration.ofSeconds(60),
                () -> http.get("/readyz").statusCode() == 503);

        for (int i = 0; i < KafkaCluster.NODES; i++) {
            kafka.restart(i);
        }
        kafka.awaitNodes(KafkaCluster.NODES, Duration.ofSeconds(120));
        Set<String> later = new HashSet<>();
        for (int n = 0; n < 20; n++) {
            Map<String, String> labels = Bodies.labels("outage", "ns-x", "Outage", "after-" + n);
            byte[] body = Bodies.webhook(List.of(labels), true);
            Await.until(
                    "a 200 after the brokers returned",
                    Duration.ofSeconds(120),
                    () -> http.post("/webhooks/alertmanager", body).statusCode() == 200);
            later.add(Fingerprint.of(labels).value());
        }
        Await.until("every later 200 in an incident", Duration.ofSeconds(120), () -> memberships(incidents(http))
                .keySet()
                .containsAll(later));
        assertThat(a.log()).doesNotContain("OutOfMemoryError");
    }

    private static String lagLines(Http http) {
        try {
            return http.get("/metrics")
                    .body()
                    .lines()
                    .filter(l -> l.startsWith("kubemate_streams_lag_records") || l.startsWith("kubemate_streams_state"))
                    .filter(l -> !l.endsWith(" 0.0"))
                    .toList()
                    .toString();
        } catch (Exception e) {
            return "(no metrics: " + e + ")";
        }
    }

    private static Map<String, String> env(KafkaCluster kafka, Path clientConfig, String name) {
        return Map.of(
                "KUBEMATE_DATA_DIR",
                        clientConfig.getParent().resolve("kubemate-" + name).toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "KUBEMATE_KAFKA_CLIENT_CONFIG", clientConfig.toString(),
                "KUBEMATE_TOPIC_PARTITIONS", "6",
                "KUBEMATE_TOPIC_REPLICATION", "3",
                "KUBEMATE_STANDBY_REPLICAS", "1",
                "KUBEMATE_RCA_WORKERS", "0");
    }

    /** Posts this client's batches to a live instance, retrying a batch until one answers 200 (as Alertmanager). */
    private static void postAll(
            int client, int[] ports, AtomicIntegerArray down, Set<String> accepted, AtomicInteger sent) {
        for (int b = 0; b < BATCHES_PER_CLIENT; b++) {
            List<Map<String, String>> alerts = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                alerts.add(Bodies.labels(
                        "fault-" + (n % CLUSTERS), "ns-" + client, "Alert" + (n % 5), "c" + client + "-" + n));
            }
            byte[] body = Bodies.webhook(alerts, true);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            int attempt = client + b;
            while (System.nanoTime() < deadline) {
                int target = attempt++ % 2;
                if (down.get(target) == 1) {
                    continue;
                }
                try {
                    HttpResponse<String> response =
                            new Http(ports[target], Optional.empty()).post("/webhooks/alertmanager", body);
                    if (response.statusCode() == 200) {
                        alerts.forEach(l -> accepted.add(Fingerprint.of(l).value()));
                        break;
                    }
                } catch (Exception e) {
                    // that instance is down: the next attempt goes to the other one
                }
                sleepQuietly(100);
            }
            sent.incrementAndGet();
        }
    }

    /** Incident id to the fingerprints of its alerts, over every incident (all pages). */
    private static Map<String, Set<String>> incidents(Http http) throws Exception {
        Map<String, Set<String>> incidents = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = http.getJson("/api/v1/incidents?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                String id = item.get("id").asText();
                Set<String> members = new HashSet<>();
                for (JsonNode alert : http.getJson("/api/v1/incidents/" + id).get("alerts")) {
                    members.add(alert.get("fingerprint").asText());
                }
                incidents.put(id + " " + item.get("scope"), members);
            }
            cursor =
                    page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return incidents;
    }

    private static Map<String, Integer> memberships(Map<String, Set<String>> incidents) {
        Map<String, Integer> counts = new HashMap<>();
        incidents.values().forEach(members -> members.forEach(f -> counts.merge(f, 1, Integer::sum)));
        return counts;
    }

    /** The set of fingerprint sets the incidents hold. */
    private static Set<Set<String>> scopesOf(Map<String, Set<String>> incidents) {
        return new HashSet<>(incidents.values());
    }

    /**
     * What a run without faults gives for these alerts: one incident per (cluster, namespace), holding every alert of
     * that scope (no traces or topology labels join scopes here).
     */
    private static Set<Set<String>> expectedScopes(Set<String> fingerprints) {
        Map<String, Set<String>> byScope = new HashMap<>();
        for (int client = 0; client < CLIENTS; client++) {
            for (int n = 0; n < BATCHES_PER_CLIENT * BATCH; n++) {
                Map<String, String> labels = Bodies.labels(
                        "fault-" + (n % CLUSTERS), "ns-" + client, "Alert" + (n % 5), "c" + client + "-" + n);
                String fingerprint = Fingerprint.of(labels).value();
                if (fingerprints.contains(fingerprint)) {
                    byScope.computeIfAbsent(labels.get("cluster") + "/" + labels.get("namespace"), k -> new HashSet<>())
                            .add(fingerprint);
                }
            }
        }
        return new HashSet<>(byScope.values());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
