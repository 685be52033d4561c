package io.kubemate.rag.model;

import java.time.Clock;

/** Builds the configured {@link SummaryModel}. */
public final class SummaryModels {
    private SummaryModels() {}

    /**
     * The model {@code settings} ask for. With {@link SummaryModelSettings#defaults()} (nothing configured) that is
     * Ollama at {@code http://localhost:11434}, which falls back to the extractive model whenever Ollama does not
     * answer and then leaves it alone for {@link SummaryModelSettings#unavailablePause()}.
     */
    public static SummaryModel fromConfig(SummaryModelSettings settings, Clock clock) {
        return switch (settings.provider()) {
            case OLLAMA -> new OllamaSummaryModel(settings, clock);
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleSummaryModel(settings, clock);
            case EXTRACTIVE -> new ExtractiveSummaryModel(clock);
        };
    }
}
