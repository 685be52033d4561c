package io.kubemate.rag.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemate.core.error.KubemateException;
import io.kubemate.core.error.RetriableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OllamaEmbedder} against a local stand-in that answers {@code POST /api/embed} as Ollama documents it. */
class OllamaEmbedderContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String mode = "ok";
    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void postsTheModelAndEveryInputToApiEmbedAndReturnsUnitVectorsInOrder() {
        OllamaEmbedder embedder = embedder(4, Duration.ofSeconds(5));

        List<float[]> vectors = embedder.embedAll(List.of("a", "bb", "ccc"));

        assertThat(paths).containsExactly("POST /api/embed");
        assertThat(bodies.get(0).get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(bodies.get(0).get("input")).extracting(JsonNode::asText).containsExactly("a", "bb", "ccc");
        assertThat(vectors).hasSize(3);
        for (int i = 0; i < 3; i++) {
            float[] v = vectors.get(i);
            assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
            assertThat(v[0] / v[1]).isCloseTo(i + 1, within(1e-4f)); // the stand-in puts the text's length first
        }
        assertThat(embedder.modelName()).isEqualTo("ollama:nomic-embed-text");
        assertThat(embedder.dimension()).isEqualTo(4);
    }

    @Test
    void sendsLargeBatchesInChunks() {
        OllamaEmbedder embedder = embedder(4, Duration.ofSeconds(5));
        List<String> texts = IntStream.range(0, OllamaEmbedder.BATCH + 6)
                .mapToObj(i -> "text " + i)
                .toList();

        List<float[]> vectors = embedder.embedAll(texts);

        assertThat(vectors).hasSize(texts.size());
        assertThat(bodies).extracting(b -> b.get("input").size()).containsExactly(OllamaEmbedder.BATCH, 6);
    }

    @Test
    void aServerErrorIsRetriableAndSaysWhatFailed() {
        mode = "500";
        OllamaEmbedder embedder = embedder(4, Duration.ofSeconds(5));

        assertThatThrownBy(() -> embedder.embed("x"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("nomic-embed-text")
                .hasMessageContaining("model crashed");
        assertThat(paths).hasSize(1); // no retries behind the caller's back
    }

    @Test
    void aTimeoutIsRetriableAndComesWithinTheTimeout() {
        mode = "hang";
        OllamaEmbedder embedder = embedder(4, Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatThrownBy(() -> embedder.embed("x"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("nomic-embed-text");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsRetriable() {
        int port = server.getAddress().getPort();
        server.stop(0);
        OllamaEmbedder embedder =
                new OllamaEmbedder("http://127.0.0.1:" + port, "nomic-embed-text", 4, Duration.ofSeconds(2));

        assertThatThrownBy(() -> embedder.embed("x"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("cannot reach");
    }

    @Test
    void aVectorOfAnotherDimensionIsAnErrorNotARetry() {
        OllamaEmbedder embedder = embedder(8, Duration.ofSeconds(5));

        assertThatThrownBy(() -> embedder.embed("x"))
                .isInstanceOf(KubemateException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("8 dimensions, got 4");
    }

    @Test
    void aBlankTextIsRejectedWithoutARequest() {
        OllamaEmbedder embedder = embedder(4, Duration.ofSeconds(5));

        assertThatThrownBy(() -> embedder.embedAll(List.of("ok", " "))).isInstanceOf(IllegalArgumentException.class);
        assertThat(paths).isEmpty();
    }

    private OllamaEmbedder embedder(int dimension, Duration timeout) {
        return new OllamaEmbedder(
                "http://127.0.0.1:" + server.getAddress().getPort(), "nomic-embed-text", dimension, timeout);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            paths.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            bodies.add(body);
            switch (mode) {
                case "500" -> reply(exchange, 500, "{\"error\":\"model crashed\"}");
                case "hang" -> {
                    awaitRelease();
                    reply(exchange, 200, "{}");
                }
                default -> reply(exchange, 200, embeddings(body));
            }
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String embeddings(JsonNode body) throws IOException {
        var out = JSON.createObjectNode();
        out.put("model", body.get("model").asText());
        var embeddings = out.putArray("embeddings");
        for (JsonNode input : body.get("input")) {
            embeddings.addArray().add(input.asText().length()).add(1).add(0).add(0.5);
        }
        return JSON.writeValueAsString(out);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
