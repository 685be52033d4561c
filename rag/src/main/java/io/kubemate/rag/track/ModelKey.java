package io.kubemate.rag.track;

import java.util.Objects;

/** A model and prompt combination: what {@link ModelTracker#models()} aggregates by. */
public record ModelKey(String name, String digest, String promptVersion, String embeddingModel) {
    public ModelKey {
        Objects.requireNonNull(name, "name");
        digest = digest == null ? "" : digest;
        promptVersion = promptVersion == null ? "" : promptVersion;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
    }
}
