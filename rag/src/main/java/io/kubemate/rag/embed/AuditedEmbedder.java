package io.kubemate.rag.embed;

import io.kubemate.rag.model.PromptListener;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} whose every text is told to an audit before it is embedded, for embedding models that run
 * outside the process (Ollama's {@code /api/embed}): the audit then holds exactly what left for them. The texts are
 * already redacted by the callers (incident memory, runbooks).
 */
public final class AuditedEmbedder implements Embedder {
    private final Embedder embedder;
    private final PromptListener audit;
    private final String destination;

    public AuditedEmbedder(Embedder embedder, PromptListener audit) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.destination = "embedding:" + embedder.modelName();
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public String modelName() {
        return embedder.modelName();
    }

    @Override
    public float[] embed(String text) {
        audit.sent("", destination, text);
        return embedder.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        texts.forEach(text -> audit.sent("", destination, text));
        return embedder.embedAll(texts);
    }
}
