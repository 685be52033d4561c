package io.kubemate.rag.model;

import static io.kubemate.rag.model.OllamaSummaryModelContractTest.json;
import static io.kubemate.rag.model.OllamaSummaryModelContractTest.names;
import static io.kubemate.rag.model.Requests.groundedReply;
import static io.kubemate.rag.model.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemate.rag.model.HttpStandIn.Reply;
import io.kubemate.rag.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link OpenAiCompatibleSummaryModel} with the OpenAI chat completions API as vLLM and llama.cpp server
 * offer it ({@code POST /v1/chat/completions}), against a local stand-in that parses every request.
 */
class OpenAiCompatibleSummaryModelContractTest {
    private static final String PATH = "/v1/chat/completions";

    private final HttpStandIn server = new HttpStandIn();
    private final MutableClock clock = new MutableClock(Requests.T0);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postsChatCompletionsWithAStrictJsonSchemaResponseFormat() {
        server.on(PATH, completion(groundedReply()));

        Summary summary = model("").summarize(request().build());

        HttpStandIn.Request sent = server.requests(PATH).get(0);
        JsonNode body = sent.body();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5-7b-instruct");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1_024);
        assertThat(body.path("stream").asBoolean(false)).isFalse();
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo(ReplySchema.NAME);
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(names(schema.path("required"))).contains("summary", "probableRootCause", "citations");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).contains("<<<DATA E1>>>");

        assertThat(summary.kind()).isEqualTo(Summary.Kind.LLM);
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.PASSED);
        assertThat(summary.tokens()).isEqualTo(new Summary.TokenCounts(42, 17));
        assertThat(summary.model().name()).isEqualTo("openai-compatible:qwen2.5-7b-instruct");
        assertThat(summary.model().digest()).isEmpty();
    }

    @Test
    void sendsNoAuthorizationWithoutAnApiKey() {
        server.on(PATH, completion(groundedReply()));

        model("").summarize(request().build());

        assertThat(server.requests(PATH).get(0).header("Authorization")).isNull();
    }

    @Test
    void sendsTheApiKeyAsABearerTokenWhenSet() {
        server.on(PATH, completion(groundedReply()));

        model("sk-local").summarize(request().build());

        assertThat(server.requests(PATH).get(0).header("Authorization")).isEqualTo("Bearer sk-local");
    }

    @Test
    void serverErrorFallsBackToTheExtractiveSummary() {
        server.on(PATH, new Reply(500, "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}"));

        Summary summary = model("").summarize(request().build());

        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.fallbackReason()).startsWith("openai-compatible:qwen2.5-7b-instruct failed");
    }

    @Test
    void timeoutFallsBackToTheExtractiveSummary() {
        server.on(PATH, HttpStandIn.HANG);
        SummaryModelSettings settings = SummaryModelSettings.openAiCompatible(
                        server.url() + "/v1", "qwen2.5-7b-instruct", "")
                .withTimeout(Duration.ofMillis(300), 0);

        Summary summary = new OpenAiCompatibleSummaryModel(settings, clock)
                .summarize(request().build());

        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.fallbackReason()).contains("unreachable");
    }

    @Test
    void ungroundedReplyIsRetriedOnceWithTheProblemsThenFallsBack() {
        server.on(PATH, completion(groundedReply().replace("[E4]", "[E77]")));

        Summary summary = model("").summarize(request().build());

        assertThat(server.requests(PATH)).hasSize(2);
        JsonNode retry = server.requests(PATH).get(1).body().path("messages");
        assertThat(retry.get(3).path("content").asText()).contains("'E77'");
        assertThat(summary.grounding()).isEqualTo(Summary.GroundingOutcome.REJECTED);
        assertThat(summary.citations()).doesNotContain("E77");
    }

    @Test
    void requiresABaseUrlAndAModel() {
        assertThatThrownBy(() -> SummaryModelSettings.openAiCompatible("", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl is required")
                .hasMessageContaining("model is required");
    }

    @Test
    void neverPrintsTheApiKey() {
        assertThat(SummaryModelSettings.openAiCompatible("http://x/v1", "m", "sk-secret")
                        .toString())
                .doesNotContain("sk-secret")
                .contains("apiKey=***");
    }

    private SummaryModel model(String apiKey) {
        SummaryModelSettings settings = SummaryModelSettings.openAiCompatible(
                        server.url() + "/v1", "qwen2.5-7b-instruct", apiKey)
                .withTimeout(Duration.ofSeconds(10), 0);
        return SummaryModels.fromConfig(settings, clock);
    }

    private static Reply completion(String content) {
        return json(Map.of(
                "id",
                "chatcmpl-1",
                "object",
                "chat.completion",
                "created",
                1735689600,
                "model",
                "qwen2.5-7b-instruct",
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "message",
                        Map.of("role", "assistant", "content", content),
                        "finish_reason",
                        "stop")),
                "usage",
                Map.of("prompt_tokens", 42, "completion_tokens", 17, "total_tokens", 59)));
    }
}
