package io.kubemate.rag.track;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one model and prompt combination.
 *
 * @param name the model's name
 * @param digest the model's digest; empty when unknown
 * @param promptVersion the prompt template's version
 * @param embeddingModel the retrieval embedding model
 * @param runs summaries written
 * @param lastUsed when the latest of them was finished
 * @param groundedShare the share of runs whose summary passed the grounding check (0 to 1)
 * @param feedbacks summaries rated by operators (the latest rating of each counts)
 * @param helpfulShare the share of rated summaries rated helpful (0 to 1), or {@code null} before any rating
 */
public record ModelVersionInfo(
        String name,
        String digest,
        String promptVersion,
        String embeddingModel,
        long runs,
        Instant lastUsed,
        double groundedShare,
        long feedbacks,
        Double helpfulShare) {
    public ModelVersionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
