package io.kubemate.rag.model;

import static io.kubemate.rag.model.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

/**
 * {@link OllamaSummaryModel} against a real Ollama with a small model. Needs Docker and pulls the model (~400 MB);
 * skipped where Docker is missing. A real model's wording varies, so this checks what must hold whatever it writes:
 * the server answered the schema-constrained chat, and the summary, LLM or fallback, is grounded in the request.
 */
@Testcontainers(disabledWithoutDocker = true)
class OllamaSummaryModelIT {
    static final String MODEL = "qwen2.5:0.5b";

    @Container
    static final OllamaContainer OLLAMA = new OllamaContainer("ollama/ollama:0.6.8");

    @BeforeAll
    static void pullModel() throws Exception {
        assertThat(OLLAMA.execInContainer("ollama", "pull", MODEL).getExitCode())
                .isZero();
    }

    @Test
    void summarizesARealIncidentWithinTheGroundingRules() {
        SummaryModelSettings settings = SummaryModelSettings.defaults()
                .with(SummaryModelSettings.Provider.OLLAMA, OLLAMA.getEndpoint(), MODEL)
                .withTimeout(Duration.ofMinutes(3), 0);
        SummaryRequest incident = request().build();

        Summary summary = new OllamaSummaryModel(settings, Clock.systemUTC()).summarize(incident);

        assertThat(summary.fallbackReason()).doesNotContain("unreachable", "failed");
        assertThat(summary.citations()).isSubsetOf(List.of("E1", "E2", "E3", "E4", "E5", "S1", "R1"));
        assertThat(incident.services()).contains(summary.probableRootCause().service());
        if (summary.kind() == Summary.Kind.LLM) {
            assertThat(summary.model().digest()).isNotEmpty();
            assertThat(summary.tokens().input()).isPositive();
        }
    }
}
