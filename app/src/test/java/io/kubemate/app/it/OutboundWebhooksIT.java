package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemate.app.Kubemate;
import io.kubemate.app.broker.EmbeddedBroker;
import io.kubemate.app.config.KubemateConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outgoing webhooks end to end on a real embedded broker, against local receivers standing in for PagerDuty and a
 * generic webhook, beside a route whose receiver is down (it retries without delaying the others): alerts in give a
 * trigger, an acknowledgement through the API an acknowledge, and after a restart on
 * the same data, with the routes' delivery consumer groups' offsets deleted meanwhile (as if it crashed before committing),
 * nothing is delivered twice: the resolve that follows is the only new delivery. The deliveries route lists the
 * attempts.
 */
class OutboundWebhooksIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final String SECRET = "it-webhook-secret";

    @TempDir
    Path dataDir;

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer receiver;
    private Kubemate kubemate;

    /** One request as the receiver got it. */
    private record Received(String path, String idempotencyKey, String signature, JsonNode body) {
        String pagerDutyAction() {
            return body.path("event_action").asText();
        }
    }

    @AfterEach
    void stop() {
        if (kubemate != null) {
            kubemate.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void triggerAcknowledgeAndResolveReachBothRoutesOnceAcrossARestart() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", this::receive);
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String down;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = "http://127.0.0.1:" + closed.getLocalPort() + "/down";
        }
        String routes = "[{\"name\":\"down\",\"kind\":\"webhook\",\"url\":\"" + down
                + "\",\"secret\":\"s\",\"match\":\"cluster=it-outbound\"},{\"name\":\"pd\",\"kind\":\"pagerduty\",\"url\":\""
                + base
                + "\",\"routingKey\":\"R0UT1NGKEY0123456789ABCDEFGHIJKL\",\"match\":\"cluster=it-outbound\"},"
                + "{\"name\":\"hook\",\"kind\":\"webhook\",\"url\":\"" + base + "/hook\",\"secret\":\"" + SECRET
                + "\"}]";

        // given Kubemate with a PagerDuty route, a webhook route and a route whose receiver is down
        kubemate = Kubemate.start(config(routes), line -> {});
        Http http = new Http(kubemate.httpPort(), Optional.empty());

        // when an alert opens an incident
        Map<String, String> alert = Bodies.labels("it-outbound", "shop", "CheckoutErrors", "checkout-0");
        assertThat(http.post("/webhooks/alertmanager", Bodies.webhook(List.of(alert), true))
                        .statusCode())
                .isEqualTo(200);

        // then PagerDuty gets a trigger and the webhook a signed "triggered", whatever the route that is down does
        Await.until("a PagerDuty trigger", DELIVERY, () -> count("pd", "trigger") == 1);
        Await.until("a webhook 'triggered'", DELIVERY, () -> count("hook", "triggered") == 1);
        Received trigger = only("pd", "trigger");
        String id = trigger.body().get("dedup_key").asText();
        assertThat(trigger.body().get("payload").get("source").asText()).isEqualTo("it-outbound/shop");
        assertThat(trigger.body().get("client_url").asText()).isEqualTo("https://kubemate.test/#/incidents/" + id);
        Received triggered = only("hook", "triggered");
        assertThat(triggered.body().get("id").asText()).isEqualTo(id);
        assertThat(triggered.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(triggered.idempotencyKey()).startsWith(id + ":");

        // when it is acknowledged through the API
        assertThat(http.post("/api/v1/incidents/" + id + "/acknowledge", new byte[0])
                        .statusCode())
                .isIn(200, 202);

        // then both routes hear it
        Await.until("a PagerDuty acknowledge", DELIVERY, () -> count("pd", "acknowledge") == 1);
        Await.until("a webhook 'acknowledged'", DELIVERY, () -> count("hook", "acknowledged") == 1);
        assertThat(only("pd", "acknowledge").body().get("dedup_key").asText()).isEqualTo(id);
        JsonNode log = http.getJson("/api/v1/incidents/" + id + "/deliveries").get("deliveries");
        assertThat(events(log)).contains("pd:trigger", "pd:acknowledge", "hook:triggered", "hook:acknowledged");
        assertThat(log)
                .filteredOn(attempt -> attempt.get("route").asText().equals("down"))
                .isNotEmpty()
                .allSatisfy(attempt -> {
                    assertThat(attempt.get("outcome").asText()).isEqualTo("retrying");
                    assertThat(attempt.get("statusCode").isNull()).isTrue();
                    assertThat(attempt.get("error").asText()).contains("ConnectException");
                });
        int deliveredBefore = received.size();

        // when Kubemate restarts on the same data, its delivery groups' committed offsets lost meanwhile
        kubemate.close();
        kubemate = null;
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                new EmbeddedBroker.Settings(dataDir.resolve("kafka"), 0, "512m", Duration.ofSeconds(90)), line -> {})) {
            deleteOutboundGroup(broker.bootstrapServers());
        }
        kubemate = Kubemate.start(config(routes), line -> {});
        Http again = new Http(kubemate.httpPort(), Optional.empty());
        Await.until(
                "the incident in the view",
                DELIVERY,
                () -> again.get("/api/v1/incidents/" + id).statusCode() == 200);
        assertThat(again.post("/api/v1/incidents/" + id + "/resolve", new byte[0])
                        .statusCode())
                .isIn(200, 202);

        // then the resolve is delivered, after the incident's earlier snapshots were re-read, and nothing twice
        Await.until("a PagerDuty resolve", DELIVERY, () -> count("pd", "resolve") == 1);
        Await.until("a webhook 'resolved'", DELIVERY, () -> count("hook", "resolved") == 1);
        assertThat(received).hasSize(deliveredBefore + 2);
        Map<String, Long> keys = received.stream()
                .filter(r -> r.path().equals("/hook"))
                .collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting()));
        assertThat(keys.values()).as("deliveries per Idempotency-Key").containsOnly(1L);
        assertThat(count("pd", "trigger")).isEqualTo(1);
        assertThat(count("pd", "acknowledge")).isEqualTo(1);
        // and the log survived the restart and shows the new attempts
        JsonNode after =
                again.getJson("/api/v1/incidents/" + id + "/deliveries").get("deliveries");
        assertThat(events(after))
                .containsSubsequence("pd:trigger", "pd:acknowledge", "pd:resolve")
                .containsSubsequence("hook:triggered", "hook:acknowledged", "hook:resolved");
        assertThat(after)
                .filteredOn(attempt -> !attempt.get("route").asText().equals("down"))
                .allSatisfy(attempt -> {
                    assertThat(attempt.get("outcome").asText()).isEqualTo("delivered");
                    assertThat(attempt.get("statusCode").asInt()).isEqualTo(202);
                });
    }

    private KubemateConfig config(String routes) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KUBEMATE_DATA_DIR", dataDir.toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_TOPIC_PARTITIONS", "2",
                "KUBEMATE_RCA_WORKERS", "0",
                "KUBEMATE_PUBLIC_URL", "https://kubemate.test"));
        env.put("KUBEMATE_OUTBOUND_ROUTES", routes);
        return KubemateConfig.load(env);
    }

    private static void deleteOutboundGroup(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteConsumerGroups(List.of("kubemate-outbound-pd", "kubemate-outbound-hook"))
                    .all()
                    .get();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("X-Kubemate-Signature"),
                Http.json(new String(body, StandardCharsets.UTF_8))));
        byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Requests on a route: PagerDuty ones by event action, webhook ones by event. */
    private List<Received> on(String route, String event) {
        Function<Received, String> eventOf = route.equals("pd")
                ? Received::pagerDutyAction
                : r -> r.body().path("event").asText();
        String path = route.equals("pd") ? "/v2/enqueue" : "/hook";
        synchronized (received) {
            return received.stream()
                    .filter(r -> r.path().equals(path) && eventOf.apply(r).equals(event))
                    .toList();
        }
    }

    private long count(String route, String event) {
        return on(route, event).size();
    }

    private Received only(String route, String event) {
        List<Received> matching = on(route, event);
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static List<String> events(JsonNode log) {
        List<String> events = new ArrayList<>();
        log.forEach(attempt -> events.add(
                attempt.get("route").asText() + ":" + attempt.get("event").asText()));
        return events;
    }
}
