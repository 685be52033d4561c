package io.kubemate.slack.interact;

import static io.kubemate.slack.interact.RequestSignatureTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.incident.IncidentIndex;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hostile requests to the Slack receivers over real HTTP, most of them correctly signed (a leaked signing
 * secret, or Slack itself sending odd payloads): mutated fixture bodies, broken form encoding, invalid UTF-8, deep or
 * huge JSON in {@code payload}, wrong types, giant strings, wrong content types, bad signatures and timestamps. Every
 * answer is 2xx or 4xx (413 for size, a problem for every 4xx), never 5xx; clicks reach the sink only from answers
 * 200, at most {@link SlackRoutes#MAX_ACTIONS} each, never blank or over {@link SlackRoutes#MAX_FIELD_CHARS}; heap
 * stays bounded; the real fixture click still works afterwards. Seed: {@code -Dkubemate.fuzz.seed}.
 */
class SlackFuzzTest {
    private static final String SECRET = "fuzz-signing-secret-0123456789abc";
    private static final long NOW = 1795625922L;
    private static final int BODIES = Integer.getInteger("kubemate.fuzz.bodies", 10_000);
    private static final long MAX_BODY = 64 * 1024;

    private final List<ButtonClick> clicks = new CopyOnWriteArrayList<>();

    @Test
    void hostileRequestsGet4xxAndNothingButTheRealClickIsApplied() throws Exception {
        long seed = Long.getLong("kubemate.fuzz.seed", 20261126L);
        System.out.println("[fuzz] slack: seed " + seed + " (-Dkubemate.fuzz.seed=" + seed + " reproduces it), "
                + BODIES + " bodies");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        SlackRoutes routes = new SlackRoutes(
                new RequestSignature(SECRET),
                clock,
                clicks::add,
                new SlashCommand(
                        new IncidentIndex(),
                        new Mrkdwn(new Redactor()),
                        new Links("http://kubemate.test", "", "", "", "")),
                io.kubemate.core.topic.JsonSerde.newMapper(),
                Runnable::run);
        byte[] fixture = resource("block_actions-request-body.form-urlencoded.txt");
        Runtime runtime = Runtime.getRuntime();
        try (KubemateHttpServer server = KubemateHttpServer.builder(
                        HttpSettings.defaults()
                                .withHost("127.0.0.1")
                                .withPort(0)
                                .withMaxBodyBytes(MAX_BODY),
                        new AlertmanagerWebhookParser(clock),
                        alerts -> {},
                        new IncidentIndex(),
                        action -> {},
                        new PrometheusRegistry())
                .routes(routes.routes())
                .build()
                .start()) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Random random = new Random(seed);
            List<Request> requests = new ArrayList<>(BODIES);
            for (int i = 0; i < BODIES; i++) {
                requests.add(hostile(random, fixture));
            }
            System.gc();
            long heapBefore = runtime.totalMemory() - runtime.freeMemory();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> unexpected = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (Request request : requests) {
                    answers.add(pool.submit(() -> send(client, server.port(), request, unexpected)));
                }
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                }
            } finally {
                pool.shutdownNow();
            }
            System.gc();
            long growth = runtime.totalMemory() - runtime.freeMemory() - heapBefore;
            System.out.println("[fuzz] slack: statuses " + statuses + ", clicks applied " + clicks.size()
                    + ", heap growth " + growth / 1024 + " KiB");

            assertThat(unexpected).as("unexpected answers").isEmpty();
            assertThat(statuses.keySet())
                    .allSatisfy(status -> assertThat(status).isBetween(200, 499));
            // signed bodies are Slack's word: a 200 may carry clicks, bounded and non-blank; a refusal carries none
            assertThat(clicks.size())
                    .as("clicks applied")
                    .isLessThanOrEqualTo(statuses.getOrDefault(200, 0) * SlackRoutes.MAX_ACTIONS);
            assertThat(clicks).allSatisfy(click -> {
                assertThat(click.actionId()).isNotBlank().hasSizeLessThanOrEqualTo(SlackRoutes.MAX_FIELD_CHARS);
                assertThat(click.value()).hasSizeLessThanOrEqualTo(SlackRoutes.MAX_FIELD_CHARS);
                assertThat(click.userName()).hasSizeLessThanOrEqualTo(SlackRoutes.MAX_FIELD_CHARS);
            });
            assertThat(growth).as("heap growth").isLessThan(16L * 1024 * 1024);

            int before = clicks.size();
            Request real = new Request(
                    "/slack/interactions",
                    "application/x-www-form-urlencoded",
                    fixture,
                    String.valueOf(NOW),
                    new RequestSignature(SECRET).sign(String.valueOf(NOW), fixture));
            assertThat(send(client, server.port(), real, unexpected)).isEqualTo(200);
            assertThat(clicks).hasSize(before + 1);
        }
    }

    private static int send(HttpClient client, int port, Request request, List<String> unexpected) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            http.header("Content-Type", request.contentType());
        }
        if (request.timestamp() != null) {
            http.header("X-Slack-Request-Timestamp", request.timestamp());
        }
        if (request.signature() != null) {
            http.header("X-Slack-Signature", request.signature());
        }
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // a body far over the limit may be cut off with the connection: not an answer, but not a 5xx either
            if (request.body().length > MAX_BODY) {
                return 413;
            }
            throw e;
        }
        int status = response.statusCode();
        boolean problem = response.headers()
                .firstValue("Content-Type")
                .map(t -> t.startsWith("application/problem+json"))
                .orElse(false);
        if (status >= 500 || (status >= 400 && !problem) || (request.body().length > MAX_BODY && status != 413)) {
            unexpected.add(status + " for " + request.describe());
        }
        return status;
    }

    /** One generated request: mostly correctly signed, so the parsing behind the signature is what is fuzzed. */
    private static Request hostile(Random random, byte[] fixture) {
        String path = random.nextInt(4) == 0 ? "/slack/commands" : "/slack/interactions";
        byte[] body = body(random, fixture);
        String type =
                switch (random.nextInt(12)) {
                    case 0 -> "application/json";
                    case 1 -> null;
                    case 2 -> "text/plain; charset=utf-16";
                    case 3 -> "application/x-www-form-urlencoded; charset=\u00ff";
                    default -> "application/x-www-form-urlencoded";
                };
        String ts =
                switch (random.nextInt(20)) {
                    case 0 -> null;
                    case 1 -> "not-a-number";
                    case 2 -> String.valueOf(NOW - 301);
                    case 3 -> "99999999999999999999999";
                    default -> String.valueOf(NOW);
                };
        String signature =
                switch (random.nextInt(20)) {
                    case 0 -> null;
                    case 1 -> "v0=" + "0".repeat(64);
                    case 2 -> "v1=abc";
                    default -> ts == null ? "v0=x" : new RequestSignature(SECRET).sign(ts, body);
                };
        return new Request(path, type, body, ts, signature);
    }

    private static byte[] body(Random random, byte[] fixture) {
        String text = new String(fixture, StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> mutate(random, fixture);
            case 1 -> java.util.Arrays.copyOf(fixture, random.nextInt(fixture.length));
            case 2 -> form("payload", "[".repeat(1 + random.nextInt(200_000)));
            case 3 -> form("payload", "{\"type\":\"block_actions\",\"actions\":" + junk(random) + "}");
            case 4 -> form(
                    "payload",
                    "{\"type\":\"block_actions\",\"user\":" + junk(random) + ",\"actions\":[{" + "\"action_id\":"
                            + junk(random) + ",\"value\":" + junk(random) + "}]}");
            case 5 -> ("payload=" + "%".repeat(random.nextInt(1000)) + "%zz%").getBytes(StandardCharsets.UTF_8);
            case 6 -> new byte[] {'p', 'a', 'y', 'l', 'o', 'a', 'd', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
            case 7 -> form("text", "show " + "x".repeat(random.nextInt(70_000)));
            case 8 -> form("text", junkText(random));
            case 9 -> text.replace("incident.ack", "incident." + junkText(random))
                    .getBytes(StandardCharsets.UTF_8);
            case 10 -> ("payload=" + "a=b&".repeat(random.nextInt(20_000))).getBytes(StandardCharsets.UTF_8);
            default -> form("payload", "{\"type\":" + junk(random) + ",\"actions\":[]}");
        };
    }

    private static byte[] mutate(Random random, byte[] fixture) {
        byte[] copy = fixture.clone();
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static String junk(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "1e999999";
            case 2 -> "\"" + "\\u0000".repeat(random.nextInt(100)) + "\"";
            case 3 -> "[" + "{}".repeat(random.nextInt(1000)).replace("}{", "},{") + "]";
            case 4 -> "{\"a\":1,\"a\":2}";
            case 5 -> "\"" + "\\ud800".repeat(1 + random.nextInt(5)) + "\"";
            case 6 -> "true";
            default -> "\"" + "y".repeat(random.nextInt(50_000)) + "\"";
        };
    }

    private static String junkText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(200); i < n; i++) {
            text.append((char) random.nextInt(0x3000));
        }
        return text.toString();
    }

    private static byte[] form(String name, String value) {
        return (name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private record Request(String path, String contentType, byte[] body, String timestamp, String signature) {
        String describe() {
            String start = new String(body, 0, Math.min(120, body.length), StandardCharsets.UTF_8);
            return path + " " + contentType + " ts=" + timestamp + " (" + body.length + " bytes) " + start;
        }
    }
}
