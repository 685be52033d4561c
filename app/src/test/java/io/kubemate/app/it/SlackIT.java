package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemate.app.Kubemate;
import io.kubemate.app.config.KubemateConfig;
import io.kubemate.slack.interact.RequestSignature;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack app end to end on the real embedded broker, with a local stand-in of Slack's Web API and a real
 * Alertmanager (Debian's {@code prometheus-alertmanager}): an incident is posted once and updated in place with its
 * summary; signed button clicks (built with Slack's published scheme) acknowledge, report wrong grouping, rate the
 * summary, silence the alerts in Alertmanager (which then mutes them) and resolve, each visible in the API and then in
 * the message; after a restart the messages are updated, never posted again.
 */
class SlackIT {
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final String SECRET = "it-signing-secret";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anIncidentLivesInOneSlackMessageAndItsButtonsWork() throws Exception {
        requireAlertmanager();
        int amPort = freePort();
        Process alertmanager = startAlertmanager(amPort);
        try (SlackWebApiStandIn slack = new SlackWebApiStandIn()) {
            Http am = new Http(amPort, Optional.empty());
            Await.until(
                    "alertmanager ready",
                    Duration.ofSeconds(30),
                    () -> am.get("/-/ready").statusCode() == 200);
            Map<String, String> config = Map.ofEntries(
                    Map.entry("KUBEMATE_DATA_DIR", dir.resolve("data").toString()),
                    Map.entry("KUBEMATE_HTTP_PORT", "0"),
                    Map.entry("KUBEMATE_HTTP_HOST", "127.0.0.1"),
                    Map.entry("KUBEMATE_TOPIC_PARTITIONS", "2"),
                    Map.entry("KUBEMATE_RCA_QUIET", "1s"),
                    Map.entry("KUBEMATE_LLM_PROVIDER", "extractive"),
                    Map.entry("KUBEMATE_SLACK_BOT_TOKEN", "xoxb-it-token"),
                    Map.entry("KUBEMATE_SLACK_CHANNEL", "#incidents"),
                    Map.entry("KUBEMATE_SLACK_ROUTES", "namespace=search:#search"),
                    Map.entry("KUBEMATE_SLACK_SIGNING_SECRET", SECRET),
                    Map.entry("KUBEMATE_SLACK_API_URL", slack.apiUrl()),
                    Map.entry("KUBEMATE_ALERTMANAGER_URL", "http://127.0.0.1:" + amPort),
                    Map.entry("KUBEMATE_PUBLIC_URL", "http://kubemate.test"));
            List<Map<String, String>> shop = List.of(
                    Bodies.labels("it-slack", "shop", "CheckoutErrors", "checkout-0"),
                    Bodies.labels("it-slack", "shop", "PaymentsLatency", "payments-0"));
            Map<String, String> search = Bodies.labels("it-slack", "search", "SearchLatency", "search-0");
            String a;
            String b;
            try (Kubemate kubemate = Kubemate.start(KubemateConfig.load(config), line -> {})) {
                Http api = new Http(kubemate.httpPort(), Optional.empty());
                assertThat(api.post("/webhooks/alertmanager", Bodies.webhook(shop, true))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/webhooks/alertmanager", Bodies.webhook(List.of(search), true))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(am.post("/api/v2/alerts", amAlerts(shop)).statusCode())
                        .isEqualTo(200);
                a = awaitIncident(api, "shop");
                b = awaitIncident(api, "search");

                // one post per incident, in the routed channels, then the summary arrives as an update and a reply
                Await.until("both posted", WAIT, () -> posts(slack, a) == 1 && posts(slack, b) == 1);
                assertThat(slack.about(b).get(0).channel())
                        .isNotEqualTo(slack.about(a).get(0).channel());
                String ts = slack.about(a).get(0).ts();
                Await.until("the summary in the message", WAIT, () -> last(slack, a)
                        .blocks()
                        .contains("summary.helpful"));
                Await.until("the summary in the thread", WAIT, () -> slack.calls().stream()
                        .anyMatch(c -> ts.equals(c.threadTs()) && c.blocks().contains("*Summary*")));

                // Acknowledge: answered at once, applied through the actions topic, shown with who did it
                Instant clicked = Instant.now();
                assertThat(click(kubemate, "incident.ack", a).statusCode()).isEqualTo(200);
                assertThat(Duration.between(clicked, Instant.now())).isLessThan(Duration.ofSeconds(3));
                Await.until(
                        "acknowledged in the API",
                        WAIT,
                        () -> detail(api, a).get("status").asText().equals("acknowledged"));
                Await.until("the message says who acknowledged", WAIT, () -> last(slack, a)
                        .blocks()
                        .contains("Acknowledged by <@U0JANE01>"));
                assertThat(slack.about(a))
                        .filteredOn(SlackWebApiStandIn.Call::isTopLevelPost)
                        .hasSize(1);
                assertThat(last(slack, a).ts()).isEqualTo(ts);

                // Wrong grouping: on the timeline with the actor
                click(kubemate, "incident.wrong_grouping", a);
                Await.until("grouping feedback on the timeline", WAIT, () -> timeline(api, a, "grouping_feedback"));

                // Helpful: tracked per model like the API's feedback
                String summaryId =
                        detail(api, a).get("summary").get("summaryId").asText();
                click(kubemate, "summary.helpful", summaryId);
                Await.until("the rating tracked", WAIT, () -> StreamSupport.stream(
                                api.getJson("/api/v1/models").get("models").spliterator(), false)
                        .anyMatch(m -> m.get("feedbacks").asLong() >= 1));

                // Silence 1h: a real silence in Alertmanager that mutes the incident's alerts
                click(kubemate, "incident.silence", a);
                Await.until("Alertmanager mutes the alerts", WAIT, () -> silenced(am, shop.size()));
                JsonNode silences = am.getJson("/api/v2/silences");
                assertThat(silences).anySatisfy(s -> {
                    assertThat(s.get("status").get("state").asText()).isEqualTo("active");
                    assertThat(s.get("createdBy").asText()).isEqualTo("jane (slack:U0JANE01)");
                    assertThat(s.get("comment").asText()).contains(a);
                });
                Await.until("the silence on the timeline", WAIT, () -> timeline(api, a, "comment"));

                // Resolve
                click(kubemate, "incident.resolve", a);
                Await.until(
                        "resolved in the API",
                        WAIT,
                        () -> detail(api, a).get("status").asText().equals("resolved"));
                Await.until("the message shows it resolved", WAIT, () -> last(slack, a)
                        .blocks()
                        .contains("Resolved by <@U0JANE01>"));
            }

            // a restart: the message refs come back from Kafka; a change updates the same message
            int callsBefore = slack.calls().size();
            try (Kubemate kubemate = Kubemate.start(KubemateConfig.load(config), line -> {})) {
                Http api = new Http(kubemate.httpPort(), Optional.empty());
                Map<String, String> more = Bodies.labels("it-slack", "search", "SearchErrors", "search-1");
                assertThat(api.post("/webhooks/alertmanager", Bodies.webhook(List.of(search, more), true))
                                .statusCode())
                        .isEqualTo(200);
                Await.until(
                        "the search incident grew",
                        WAIT,
                        () -> detail(api, b).get("alertCount").asInt() == 2);
                Await.until(
                        "its message updated",
                        WAIT,
                        () -> slack.calls().size() > callsBefore
                                && last(slack, b).blocks().contains("*2 alerts*"));
                assertThat(posts(slack, a)).isEqualTo(1);
                assertThat(posts(slack, b)).isEqualTo(1);
                assertThat(last(slack, b).method()).isEqualTo("chat.update");
            }
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> click(Kubemate kubemate, String actionId, String value) throws Exception {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions");
        payload.putObject("user").put("id", "U0JANE01").put("username", "jane");
        ArrayNode actions = payload.putArray("actions");
        actions.addObject().put("action_id", actionId).put("value", value).put("type", "button");
        byte[] body = ("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + kubemate.httpPort() + "/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new RequestSignature(SECRET).sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static long posts(SlackWebApiStandIn slack, String id) {
        return slack.about(id).stream()
                .filter(SlackWebApiStandIn.Call::isTopLevelPost)
                .count();
    }

    /** The last post or update of the incident's own message (not a thread reply). */
    private static SlackWebApiStandIn.Call last(SlackWebApiStandIn slack, String id) {
        List<SlackWebApiStandIn.Call> own =
                slack.about(id).stream().filter(c -> c.threadTs() == null).toList();
        return own.get(own.size() - 1);
    }

    private static String awaitIncident(Http api, String namespace) throws Exception {
        String[] id = new String[1];
        Await.until("an incident in " + namespace, WAIT, () -> {
            for (JsonNode item : api.getJson("/api/v1/incidents").get("items")) {
                if (item.get("scope").path("cluster").asText().equals("it-slack")
                        && item.get("scope").path("namespace").asText().equals(namespace)) {
                    id[0] = item.get("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static JsonNode detail(Http api, String id) throws Exception {
        return api.getJson("/api/v1/incidents/" + id);
    }

    private static boolean timeline(Http api, String id, String kind) throws Exception {
        for (JsonNode entry : detail(api, id).get("timeline")) {
            if (entry.get("kind").asText().equals(kind)
                    && entry.get("actor").asText().equals("jane (slack:U0JANE01)")) {
                return true;
            }
        }
        return false;
    }

    private static boolean silenced(Http am, int count) throws Exception {
        int muted = 0;
        for (JsonNode alert : am.getJson("/api/v2/alerts")) {
            if (alert.get("labels").path("cluster").asText().equals("it-slack")
                    && alert.get("status").get("state").asText().equals("suppressed")
                    && alert.get("status").get("silencedBy").size() > 0) {
                muted++;
            }
        }
        return muted == count;
    }

    private static byte[] amAlerts(List<Map<String, String>> labelSets) throws Exception {
        ArrayNode alerts = JSON.createArrayNode();
        for (Map<String, String> labels : labelSets) {
            alerts.addObject().set("labels", JSON.valueToTree(labels));
        }
        return JSON.writeValueAsBytes(alerts);
    }

    private static void requireAlertmanager() {
        boolean present = Files.isExecutable(ALERTMANAGER);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present)
                    .as("prometheus-alertmanager must be installed in CI")
                    .isTrue();
        }
        Assumptions.assumeTrue(present, "prometheus-alertmanager is not installed");
    }

    private Process startAlertmanager(int port) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(
                config,
                """
                route:
                  receiver: none
                receivers:
                  - name: none
                """);
        return new ProcessBuilder(List.of(
                        ALERTMANAGER.toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=",
                        "--log.level=info"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
