package io.kubemate.rag.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How summaries are written.
 *
 * @param provider which model writes them; {@link Provider#OLLAMA} by default
 * @param baseUrl the server: for Ollama its root ({@code http://localhost:11434}, the default), for an
 *     OpenAI-compatible server its API root ending in {@code /v1} ({@code http://localhost:8000/v1}); required there
 * @param model the model name; {@link #DEFAULT_OLLAMA_MODEL} for Ollama by default, required for OpenAI-compatible
 * @param apiKey the bearer token an OpenAI-compatible server wants, empty for none (nothing is sent then)
 * @param timeout how long one LLM call may take, connecting included
 * @param maxRetries how often the client repeats a failed call (5xx, timeout) before giving up; the grounding retry
 *     is separate
 * @param temperature sampling temperature, low for factual summaries
 * @param unavailablePause how long to skip the LLM after it could not be reached
 * @param maxPromptChars bound on the prompt's user message, about four characters per token
 */
public record SummaryModelSettings(
        Provider provider,
        String baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        int maxRetries,
        double temperature,
        Duration unavailablePause,
        int maxPromptChars) {

    public static final String DEFAULT_OLLAMA_URL = "http://localhost:11434";
    public static final String DEFAULT_OLLAMA_MODEL = "llama3.2:3b";

    /** Which model writes summaries. */
    public enum Provider {
        /** Ollama's own API ({@code /api/chat}), falling back to extractive when it does not answer. */
        OLLAMA,
        /** An OpenAI-compatible server (vLLM, llama.cpp server, LM Studio), falling back to extractive. */
        OPENAI_COMPATIBLE,
        /** No LLM at all. */
        EXTRACTIVE
    }

    public SummaryModelSettings {
        provider = provider == null ? Provider.OLLAMA : provider;
        baseUrl = blank(baseUrl) && provider == Provider.OLLAMA ? DEFAULT_OLLAMA_URL : strip(baseUrl);
        model = blank(model) && provider == Provider.OLLAMA ? DEFAULT_OLLAMA_MODEL : strip(model);
        apiKey = strip(apiKey);
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        unavailablePause = unavailablePause == null ? Duration.ofSeconds(30) : unavailablePause;
        List<String> problems = new ArrayList<>();
        if (provider == Provider.OPENAI_COMPATIBLE && baseUrl.isEmpty()) {
            problems.add("baseUrl is required for an OpenAI-compatible server (e.g. http://localhost:8000/v1)");
        }
        if (provider == Provider.OPENAI_COMPATIBLE && model.isEmpty()) {
            problems.add("model is required for an OpenAI-compatible server");
        }
        if (!baseUrl.isEmpty() && !baseUrl.matches("https?://.+")) {
            problems.add("baseUrl must be an http(s) URL: " + baseUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("timeout must be positive: " + timeout);
        }
        if (maxRetries < 0) {
            problems.add("maxRetries cannot be negative: " + maxRetries);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            problems.add("temperature must be within [0, 2]: " + temperature);
        }
        if (unavailablePause.isNegative()) {
            problems.add("unavailablePause cannot be negative: " + unavailablePause);
        }
        if (maxPromptChars < 2_000) {
            problems.add("maxPromptChars must be at least 2000: " + maxPromptChars);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid summary model settings: " + String.join("; ", problems));
        }
    }

    /** Nothing configured: Ollama at {@link #DEFAULT_OLLAMA_URL} with {@link #DEFAULT_OLLAMA_MODEL}. */
    public static SummaryModelSettings defaults() {
        return new SummaryModelSettings(
                Provider.OLLAMA, "", "", "", null, 1, 0.1, null, PromptBuilder.DEFAULT_MAX_CHARS);
    }

    /** An OpenAI-compatible server at {@code baseUrl} (ending in {@code /v1}) serving {@code model}. */
    public static SummaryModelSettings openAiCompatible(String baseUrl, String model, String apiKey) {
        return defaults().with(Provider.OPENAI_COMPATIBLE, baseUrl, model).withApiKey(apiKey);
    }

    /** These settings for {@code newProvider} at {@code newBaseUrl} with {@code newModel}. */
    public SummaryModelSettings with(Provider newProvider, String newBaseUrl, String newModel) {
        return new SummaryModelSettings(
                newProvider,
                newBaseUrl,
                newModel,
                apiKey,
                timeout,
                maxRetries,
                temperature,
                unavailablePause,
                maxPromptChars);
    }

    /** These settings with {@code key} as the API key. */
    public SummaryModelSettings withApiKey(String key) {
        return new SummaryModelSettings(
                provider, baseUrl, model, key, timeout, maxRetries, temperature, unavailablePause, maxPromptChars);
    }

    /** These settings with another timeout and retry count. */
    public SummaryModelSettings withTimeout(Duration newTimeout, int newMaxRetries) {
        return new SummaryModelSettings(
                provider,
                baseUrl,
                model,
                apiKey,
                newTimeout,
                newMaxRetries,
                temperature,
                unavailablePause,
                maxPromptChars);
    }

    /** Like the record's, with the API key masked. */
    @Override
    public String toString() {
        return "SummaryModelSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "***") + ", timeout=" + timeout + ", maxRetries="
                + maxRetries + ", temperature=" + temperature + ", unavailablePause=" + unavailablePause
                + ", maxPromptChars=" + maxPromptChars + "]";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
