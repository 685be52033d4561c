package io.kubemate.rag.model;

import static io.kubemate.rag.model.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.core.evidence.ProbableOrigin;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveSummaryModelTest {
    private final ExtractiveSummaryModel model =
            new ExtractiveSummaryModel(Clock.fixed(Requests.T0.plusSeconds(600), ZoneOffset.UTC));

    @Test
    void blamesTheTopOriginWithItsReasonsAndSaysNoModelWroteIt() {
        Summary summary = model.summarize(request().build());

        assertThat(summary.kind()).isEqualTo(Summary.Kind.EXTRACTIVE);
        assertThat(summary.kind().wire()).isEqualTo("extractive");
        assertThat(summary.text()).startsWith(ExtractiveSummaryModel.DISCLAIMER).contains("checkout", "(E3)");
        assertThat(summary.probableRootCause().service()).isEqualTo("checkout");
        assertThat(summary.probableRootCause().reason()).contains("14 of 15 erroring traces (E3)", "(E5)");
        assertThat(summary.model().name()).isEqualTo("extractive");
        assertThat(summary.model().embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(summary.createdAt()).isEqualTo(Requests.T0.plusSeconds(600));
        assertThat(summary.isGrounded()).isFalse();
    }

    @Test
    void citesTheIdsItUsedAndOnlyIdsOfTheRequest() {
        Summary summary = model.summarize(request().build());

        assertThat(summary.citations()).startsWith("E3", "E5").contains("E4", "R1", "S1");
        assertThat(summary.citations()).isSubsetOf("E1", "E2", "E3", "E4", "E5", "S1", "R1");
    }

    @Test
    void derivesNextStepsFromTheKindsOfEvidenceAboutTheOrigin() {
        Summary summary = model.summarize(request().build());

        assertThat(summary.nextSteps()).first().asString().startsWith("Check the change [E5]: deploy checkout v2.3.1");
        assertThat(summary.nextSteps())
                .anyMatch(step -> step.startsWith("Read the log template [E4]"))
                .anyMatch(step -> step.startsWith("Follow the failing trace path [E3]"))
                .anyMatch(step -> step.contains("[R1]"))
                .anyMatch(step -> step.contains(Requests.SIMILAR));
        assertThat(summary.similarIncidentIds()).containsExactly(Requests.SIMILAR);
    }

    @Test
    void confidenceGrowsWithTheGapBetweenTheTopTwoOrigins() {
        double clear = model.summarize(request().build()).confidence(); // 6 vs 2
        double close = model.summarize(request()
                        .origins(List.of(
                                new ProbableOrigin("checkout", 5.0, List.of()),
                                new ProbableOrigin("payments-api", 4.5, List.of())))
                        .build())
                .confidence();
        double alone = model.summarize(request()
                        .origins(List.of(new ProbableOrigin("checkout", 5.0, List.of())))
                        .build())
                .confidence();

        assertThat(close).isLessThan(clear);
        assertThat(clear).isLessThan(alone);
        assertThat(alone).isEqualTo(ExtractiveSummaryModel.MAX_CONFIDENCE);
        assertThat(clear).isEqualTo(0.6);
    }

    @Test
    void withoutAnOriginRankingNamesTheFirstServiceWithLowConfidence() {
        Summary summary = model.summarize(request().origins(List.of()).build());

        assertThat(summary.probableRootCause().service()).isEqualTo("checkout");
        assertThat(summary.confidence()).isEqualTo(0.1);
        assertThat(summary.text()).contains("No origin ranking");
        assertThat(summary.citations()).contains("E3", "E4", "E5");
    }

    @Test
    void withNothingAtAllStillAnswersHonestly() {
        SummaryRequest empty = new SummaryRequest(
                "inc-0000000000000000", "", List.of(), "", List.of(), List.of(), List.of(), List.of(), "");

        Summary summary = model.summarize(empty);

        assertThat(summary.probableRootCause().service()).isEqualTo("unknown");
        assertThat(summary.citations()).isEmpty();
        assertThat(summary.text()).contains("names no service");
    }

    @Test
    void isDeterministic() {
        assertThat(model.summarize(request().build()))
                .isEqualTo(model.summarize(request().build()));
    }

    @Test
    void passesTheGroundingCheckItself() {
        SummaryRequest request = request().build();
        Summary summary = model.summarize(request);
        String asReply = "{\"summary\": " + json(summary.text()) + ", \"probableRootCause\": {\"service\": "
                + json(summary.probableRootCause().service()) + ", \"reason\": "
                + json(summary.probableRootCause().reason()) + "}, \"confidence\": " + summary.confidence()
                + ", \"citations\": " + jsonList(summary.citations()) + ", \"nextSteps\": "
                + jsonList(summary.nextSteps()) + ", \"similarIncidentIds\": " + jsonList(summary.similarIncidentIds())
                + "}";

        assertThat(Grounding.check(asReply, request, new PromptBuilder().build(request))
                        .problems())
                .isEmpty();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String jsonList(List<String> texts) {
        return "["
                + String.join(
                        ", ",
                        texts.stream().map(ExtractiveSummaryModelTest::json).toList()) + "]";
    }
}
