package io.kubemate.rag.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private final Summary extractive = new ExtractiveSummaryModel(Clock.fixed(Requests.T0, ZoneOffset.UTC))
            .summarize(Requests.request().build());

    @Test
    void writesTheApiShapeAsJson() {
        JsonNode json = new ObjectMapper().registerModule(new JavaTimeModule()).valueToTree(extractive);

        assertThat(json.path("kind").asText()).isEqualTo("extractive");
        assertThat(json.path("grounding").asText()).isEqualTo("not-checked");
        assertThat(json.path("grounded").isBoolean()).isTrue();
        assertThat(json.path("probableRootCause").path("service").asText()).isEqualTo("checkout");
        assertThat(json.path("model").path("embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(json.has("citations") && json.has("nextSteps") && json.has("createdAt"))
                .isTrue();
        assertThat(Summary.GroundingOutcome.PASSED_ON_RETRY.wire()).isEqualTo("passed-on-retry");
    }

    @Test
    void isGroundedOnlyWhenAnLlmReplyPassed() {
        assertThat(extractive.isGrounded()).isFalse();
        assertThat(tracked(Summary.GroundingOutcome.PASSED).isGrounded()).isTrue();
        assertThat(tracked(Summary.GroundingOutcome.PASSED_ON_RETRY).isGrounded())
                .isTrue();
        assertThat(tracked(Summary.GroundingOutcome.REJECTED).isGrounded()).isFalse();
    }

    @Test
    void rejectsConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> new Summary(
                        Summary.Kind.LLM,
                        "",
                        new Summary.RootCause("a", ""),
                        1.01,
                        List.of(),
                        List.of(),
                        List.of(),
                        extractive.model(),
                        Summary.GroundingOutcome.PASSED,
                        "",
                        null,
                        null,
                        Requests.T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence");
    }

    private Summary tracked(Summary.GroundingOutcome outcome) {
        return extractive.withTracking(outcome, "", extractive.latency(), extractive.tokens(), extractive.model());
    }
}
