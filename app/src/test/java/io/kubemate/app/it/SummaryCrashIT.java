package io.kubemate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A summary request is not lost when the process dies mid-request: the model (an Ollama stand-in) holds the first
 * call open, {@code kubemate run} is SIGKILLed while it waits, and after a restart on the same data the same request
 * (sequence 1) is answered. Bounded: the stand-in releases a held call after two minutes at the latest.
 */
class SummaryCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void aRequestInFlightWhenTheProcessIsKilledIsAnsweredAfterTheRestart() throws Exception {
        HttpServer ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ollama.setExecutor(Executors.newFixedThreadPool(4));
        ollama.createContext("/api/chat", this::chat);
        ollama.createContext("/api/tags", exchange -> OllamaStandIn.respond(exchange, "{\"models\":[]}"));
        ollama.start();
        Map<String, String> env = Map.of(
                "KUBEMATE_DATA_DIR", dir.resolve("data").toString(),
                "KUBEMATE_HTTP_PORT", "0",
                "KUBEMATE_HTTP_HOST", "127.0.0.1",
                "KUBEMATE_TOPIC_PARTITIONS", "2",
                "KUBEMATE_RCA_QUIET", "1s",
                "KUBEMATE_LLM_URL", "http://127.0.0.1:" + ollama.getAddress().getPort(),
                "KUBEMATE_LLM_MODEL", "stand-in",
                "KUBEMATE_LLM_TIMEOUT", "5m");
        try {
            KubemateProcess first = KubemateProcess.start(env, dir.resolve("first.log"));
            Http http = new Http(first.port(), Optional.empty());
            Map<String, String> alert = Bodies.labels("it-crash", "shop", "CheckoutErrors", "checkout-0");
            assertThat(http.post("/webhooks/alertmanager", Bodies.webhook(List.of(alert), true))
                            .statusCode())
                    .isEqualTo(200);

            // when the worker is waiting on the model, the process dies
            Await.until("the model to be asked", Duration.ofSeconds(120), () -> calls.get() >= 1);
            first.kill();
            release.countDown();

            // then after a restart on the same data the same request is answered
            try (KubemateProcess second = KubemateProcess.start(env, dir.resolve("second.log"))) {
                Http again = new Http(second.port(), Optional.empty());
                AtomicReference<JsonNode> summary = new AtomicReference<>();
                Await.until("the summary after the restart", Duration.ofSeconds(120), () -> {
                    for (JsonNode item : again.getJson("/api/v1/incidents").get("items")) {
                        JsonNode found = again.getJson(
                                        "/api/v1/incidents/" + item.get("id").asText())
                                .get("summary");
                        if (!found.isNull()) {
                            summary.set(found);
                            return true;
                        }
                    }
                    return false;
                });
                assertThat(calls.get()).as("asked again after the restart").isGreaterThanOrEqualTo(2);
                assertThat(summary.get().get("summaryId").asText()).endsWith("#1");
                assertThat(summary.get().get("kind").asText()).isEqualTo("llm");
                assertThat(summary.get().get("grounded").asBoolean()).isTrue();
            }
        } finally {
            release.countDown();
            ollama.stop(0);
        }
    }

    /** The first call is held (until released, two minutes at most); later ones get a grounded reply. */
    private void chat(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (calls.incrementAndGet() == 1) {
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        OllamaStandIn.respond(exchange, groundedReply(body));
    }

    /** A reply that blames the one allowed service and cites nothing: what grounding accepts. */
    private static String groundedReply(String request) throws IOException {
        String prompt = JSON.readTree(request).toString();
        String service = prompt.contains("checkouterrors-svc") ? "checkouterrors-svc" : "unknown";
        return OllamaStandIn.chatReply(
                "checkouterrors-svc is failing; nothing else points elsewhere.",
                service,
                "the only alerting service",
                0.4,
                null,
                "Look at checkouterrors-svc's recent changes");
    }
}
