package io.kubemate.rag.model;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Clock;

/**
 * Summaries by a model behind an OpenAI-compatible API (vLLM, llama.cpp server, LM Studio): {@code POST
 * {baseUrl}/chat/completions} with the reply schema as a strict {@code json_schema} response format, an {@code
 * Authorization} header only when an API key is set. Grounded and falling back to {@link ExtractiveSummaryModel} as
 * {@link SummaryModel} promises. Such servers report no model digest; it stays empty.
 */
public final class OpenAiCompatibleSummaryModel implements SummaryModel {
    private final GroundedSummarizer summarizer;

    /** A model per {@code settings} (provider OpenAI-compatible); nothing is called before the first summary. */
    public OpenAiCompatibleSummaryModel(SummaryModelSettings settings, Clock clock) {
        this(settings, clock, PromptListener.NONE);
    }

    /** The same, telling {@code listener} of every prompt exactly as sent (the redaction audit). */
    public OpenAiCompatibleSummaryModel(SummaryModelSettings settings, Clock clock, PromptListener listener) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .modelName(settings.model())
                .temperature(settings.temperature())
                .timeout(settings.timeout())
                .maxTokens(OllamaSummaryModel.MAX_REPLY_TOKENS)
                .maxRetries(settings.maxRetries())
                .responseFormat(ReplySchema.responseFormat())
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true);
        if (!settings.apiKey().isEmpty()) {
            builder.apiKey(settings.apiKey());
        }
        this.summarizer = new GroundedSummarizer(
                builder.build(),
                "openai-compatible:" + settings.model(),
                () -> "",
                new PromptBuilder(settings.maxPromptChars()),
                clock,
                settings.unavailablePause(),
                listener);
    }

    @Override
    public Summary summarize(SummaryRequest request) {
        return summarizer.summarize(request);
    }

    @Override
    public String name() {
        return summarizer.name();
    }
}
