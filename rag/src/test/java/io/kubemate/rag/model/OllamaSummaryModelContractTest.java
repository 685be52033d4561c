package io.kubemate.rag.model;

import static io.kubemate.rag.model.Requests.groundedReply;
import static io.kubemate.rag.model.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.rag.model.HttpStandIn.Reply;
import io.kubemate.rag.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link OllamaSummaryModel} with Ollama's documented API ({@code POST /api/chat}, {@code GET
 * /api/tags}), against a local stand-in that parses every request.
 */
class OllamaSummaryModelContractTest {
    static final String DIGEST = "sha256:8eeb52dfb3bb9aefdf9d1ef24b3bdbcfbe82238798c4b918278320b6fcef18fe";

    private final HttpStandIn ollama = new HttpStandIn();
    private final MutableClock clock = new MutableClock(Requests.T0);

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void postsChatWithStreamingOffTheReplySchemaAsFormatAndALowTemperature() {
        ollama.on("/api/chat", chat(groundedReply(), 42, 17)).on("/api/tags", tags());

        Summary summary = model(Duration.ofSeconds(10)).summarize(request().build());

        HttpStandIn.Request sent = ollama.requests("/api/chat").get(0);
        JsonNode body = sent.body();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(body.path("model").asText()).isEqualTo("llama3.2:3b");
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.path("options").path("num_ctx").asInt())
                .isEqualTo(new PromptBuilder().contextTokens(1_024))
                .isGreaterThanOrEqualTo(8_192);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(1_024);
        JsonNode format = body.path("format");
        assertThat(format.isObject())
                .as("format is a JSON schema object: %s", format)
                .isTrue();
        assertThat(format.path("type").asText()).isEqualTo("object");
        assertThat(names(format.path("required")))
                .containsExactlyInAnyOrder(
                        "summary", "probableRootCause", "confidence", "citations", "nextSteps", "similarIncidentIds");
        assertThat(format.path("properties")
                        .path("probableRootCause")
                        .path("properties")
                        .has("service"))
                .isTrue();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo(PromptBuilder.SYSTEM);
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).contains("<<<DATA E5>>>");

        assertThat(summary.kind()).isEqualTo(Summary.Kind.LLM);
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.PASSED);
        assertThat(summary.isGrounded()).isTrue();
        assertThat(summary.probableRootCause()).isEqualTo(new Summary.RootCause("checkout", "bad deploy [E5]"));
        assertThat(summary.citations()).containsExactly("E3", "E4", "E5", "S1", "R1");
        assertThat(summary.similarIncidentIds()).containsExactly(Requests.SIMILAR);
        assertThat(summary.tokens()).isEqualTo(new Summary.TokenCounts(42, 17));
        assertThat(summary.model())
                .isEqualTo(new Summary.ModelInfo(
                        "ollama:llama3.2:3b", DIGEST, new PromptBuilder().version(), "all-minilm-l6-v2-q"));
        assertThat(summary.fallbackReason()).isEmpty();
    }

    @Test
    void asksForTheDigestOnceAndCachesIt() {
        ollama.on("/api/chat", chat(groundedReply(), 1, 1)).on("/api/tags", tags());
        SummaryModel model = model(Duration.ofSeconds(10));

        model.summarize(request().build());
        Summary second = model.summarize(request().build());

        assertThat(second.model().digest()).isEqualTo(DIGEST);
        assertThat(ollama.requests("/api/tags")).hasSize(1);
        assertThat(ollama.requests("/api/tags").get(0).method()).isEqualTo("GET");
    }

    @Test
    void serverErrorFallsBackToTheExtractiveSummary() {
        ollama.on("/api/chat", new Reply(500, "{\"error\":\"model crashed\"}"));

        Summary summary = model(Duration.ofSeconds(10)).summarize(request().build());

        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.NOT_CHECKED);
        assertThat(summary.fallbackReason())
                .startsWith("ollama:llama3.2:3b failed")
                .contains("model crashed");
        assertThat(ollama.requests("/api/chat")).hasSize(1);
    }

    @Test
    void serverErrorDoesNotPauseTheModel() {
        ollama.on("/api/chat", new Reply(500, "{\"error\":\"model crashed\"}"), chat(groundedReply(), 1, 1))
                .on("/api/tags", tags());
        SummaryModel model = model(Duration.ofSeconds(10));

        model.summarize(request().build());
        Summary second = model.summarize(request().build());

        assertThat(second.kind()).isEqualTo(Summary.Kind.LLM);
    }

    @Test
    void timeoutFallsBackAndPausesTheModelBeforeTryingAgain() {
        ollama.on("/api/chat", HttpStandIn.HANG);
        SummaryModel model = model(Duration.ofMillis(300));

        Summary first = model.summarize(request().build());
        Summary paused = model.summarize(request().build());
        clock.advance(Duration.ofSeconds(31));
        model.summarize(request().build());

        assertThat(first.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(first.fallbackReason()).startsWith("ollama:llama3.2:3b unreachable");
        assertThat(paused.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(paused.fallbackReason()).contains("skipped");
        assertThat(ollama.requests("/api/chat")).hasSize(2);
    }

    @Test
    void refusedConnectionFallsBackAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SummaryModelSettings settings = SummaryModelSettings.defaults()
                .with(SummaryModelSettings.Provider.OLLAMA, "http://127.0.0.1:" + closedPort, "")
                .withTimeout(Duration.ofSeconds(5), 0);

        Summary summary =
                new OllamaSummaryModel(settings, clock).summarize(request().build());

        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.fallbackReason()).startsWith("ollama:llama3.2:3b unreachable");
        assertThat(summary.latency()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void ungroundedReplyIsRetriedOnceWithTheProblemsThenFallsBack() {
        String unknownId = groundedReply().replace("\"E3\", \"E4\"", "\"E3\", \"E99\"");
        String foreignService = groundedReply().replace("\"service\": \"checkout\"", "\"service\": \"billing\"");
        ollama.on("/api/chat", chat(unknownId, 40, 10), chat(foreignService, 50, 12));

        Summary summary = model(Duration.ofSeconds(10)).summarize(request().build());

        List<HttpStandIn.Request> sent = ollama.requests("/api/chat");
        assertThat(sent).hasSize(2);
        JsonNode retry = sent.get(1).body().path("messages");
        assertThat(retry).hasSize(4);
        assertThat(retry.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(retry.get(2).path("content").asText()).contains("E99");
        assertThat(retry.get(3).path("role").asText()).isEqualTo("user");
        assertThat(retry.get(3).path("content").asText()).contains("rejected", "'E99'", "not a citable id");
        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.REJECTED);
        assertThat(summary.fallbackReason()).contains("'billing'");
        assertThat(summary.tokens()).isEqualTo(new Summary.TokenCounts(90, 22));
    }

    @Test
    void retryThatFixesTheProblemsIsAccepted() {
        String foreignService = groundedReply().replace("\"service\": \"checkout\"", "\"service\": \"billing\"");
        ollama.on("/api/chat", chat(foreignService, 40, 10), chat(groundedReply(), 50, 12))
                .on("/api/tags", tags());

        Summary summary = model(Duration.ofSeconds(10)).summarize(request().build());

        assertThat(ollama.requests("/api/chat")).hasSize(2);
        assertThat(summary.kind()).isEqualTo(Summary.Kind.LLM);
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.PASSED_ON_RETRY);
        assertThat(summary.probableRootCause().service()).isEqualTo("checkout");
    }

    @Test
    void withNothingConfiguredTriesOllamaOnLocalhost() {
        SummaryModel model = SummaryModels.fromConfig(SummaryModelSettings.defaults(), clock);

        assertThat(model).isInstanceOf(OllamaSummaryModel.class);
        assertThat(model.name()).isEqualTo("ollama:" + SummaryModelSettings.DEFAULT_OLLAMA_MODEL);
        assertThat(SummaryModelSettings.defaults().baseUrl()).isEqualTo("http://localhost:11434");
    }

    private SummaryModel model(Duration timeout) {
        SummaryModelSettings settings = SummaryModelSettings.defaults()
                .with(SummaryModelSettings.Provider.OLLAMA, ollama.url(), "llama3.2:3b")
                .withTimeout(timeout, 0);
        return new OllamaSummaryModel(settings, clock);
    }

    static Reply chat(String content, int promptTokens, int outputTokens) {
        return json(Map.of(
                "model",
                "llama3.2:3b",
                "created_at",
                "2025-01-01T00:00:00Z",
                "message",
                Map.of("role", "assistant", "content", content),
                "done",
                true,
                "done_reason",
                "stop",
                "prompt_eval_count",
                promptTokens,
                "eval_count",
                outputTokens));
    }

    private static Reply tags() {
        return json(Map.of(
                "models",
                List.of(
                        Map.of("name", "qwen2.5:0.5b", "model", "qwen2.5:0.5b", "size", 1, "digest", "sha256:other"),
                        Map.of(
                                "name",
                                "llama3.2:3b",
                                "model",
                                "llama3.2:3b",
                                "modified_at",
                                "2025-01-01T00:00:00Z",
                                "size",
                                2019393189,
                                "digest",
                                DIGEST,
                                "details",
                                Map.of("family", "llama", "parameter_size", "3.2B")))));
    }

    static Reply json(Object value) {
        try {
            return new Reply(200, HttpStandIn.JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
