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
        return fromConfig(settings, clock, PromptListener.NONE);
    }

    /** The same, telling {@code listener} of every prompt an LLM model sends (the redaction audit). */
    public static SummaryModel fromConfig(SummaryModelSettings settings, Clock clock, PromptListener listener) {
        return switch (settings.provider()) {
            case OLLAMA -> new OllamaSummaryModel(settings, clock, listener);
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleSummaryModel(settings, clock, listener);
            case EXTRACTIVE -> new ExtractiveSummaryModel(clock);
        };
    }
}
