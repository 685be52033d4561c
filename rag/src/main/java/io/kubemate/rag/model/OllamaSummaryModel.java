package io.kubemate.rag.model;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModels;
import java.time.Clock;

/**
 * Summaries by a model served by Ollama ({@code POST /api/chat}, streaming off, the reply schema as {@code format},
 * low temperature), grounded and falling back to {@link ExtractiveSummaryModel} as {@link SummaryModel} promises. The
 * model's digest comes from {@code GET /api/tags} once the server has answered a chat, and is cached. Structured
 * output by JSON schema needs Ollama 0.5 or later; older servers ignore the schema and the grounding check decides.
 */
public final class OllamaSummaryModel implements SummaryModel {
    /** The longest reply asked for, in tokens; a summary needs a few hundred. */
    static final int MAX_REPLY_TOKENS = 1_024;

    private final GroundedSummarizer summarizer;

    /** A model per {@code settings} (provider Ollama); nothing is called before the first summary. */
    public OllamaSummaryModel(SummaryModelSettings settings, Clock clock) {
        this(settings, clock, PromptListener.NONE);
    }

    /** The same, telling {@code listener} of every prompt exactly as sent (the redaction audit). */
    public OllamaSummaryModel(SummaryModelSettings settings, Clock clock, PromptListener listener) {
        PromptBuilder prompts = new PromptBuilder(settings.maxPromptChars());
        // Ollama's default context (2k–4k tokens) would silently cut the prompt's head off: size it to the prompt.
        OllamaChatModel chat = OllamaChatModel.builder()
                .maxRetries(settings.maxRetries())
                .baseUrl(settings.baseUrl())
                .modelName(settings.model())
                .temperature(settings.temperature())
                .timeout(settings.timeout())
                .numCtx(prompts.contextTokens(MAX_REPLY_TOKENS))
                .numPredict(MAX_REPLY_TOKENS)
                .responseFormat(ReplySchema.responseFormat())
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
        OllamaModels models = OllamaModels.builder()
                .baseUrl(settings.baseUrl())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
        this.summarizer = new GroundedSummarizer(
                chat,
                "ollama:" + settings.model(),
                new OllamaDigest(models, settings.model()),
                prompts,
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
