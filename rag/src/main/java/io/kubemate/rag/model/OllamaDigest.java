package io.kubemate.rag.model;

import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest of one Ollama model, from {@code GET /api/tags} ({@code /api/show} does not report it). Asked only after
 * a chat succeeded, cached once found, given up after a few misses so a summary never waits on it for long.
 */
final class OllamaDigest implements Supplier<String> {
    private static final Logger LOG = LoggerFactory.getLogger(OllamaDigest.class);
    private static final int MAX_ATTEMPTS = 3;

    private final OllamaModels models;
    private final String model;
    private volatile String digest = "";
    private volatile int attempts;

    OllamaDigest(OllamaModels models, String model) {
        this.models = models;
        this.model = model;
    }

    @Override
    public String get() {
        if (digest.isEmpty() && attempts < MAX_ATTEMPTS) {
            attempts++;
            try {
                digest = models.availableModels().content().stream()
                        .filter(m -> matches(m.getName()) || matches(m.getModel()))
                        .map(OllamaModel::getDigest)
                        .filter(d -> d != null && !d.isEmpty())
                        .findFirst()
                        .orElse("");
            } catch (RuntimeException e) {
                LOG.debug("no digest for {}: {}", model, LlmFailures.describe(e));
            }
        }
        return digest;
    }

    private boolean matches(String name) {
        return model.equals(name) || (model + ":latest").equals(name);
    }
}
