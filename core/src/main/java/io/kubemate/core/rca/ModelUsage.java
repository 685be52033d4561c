package io.kubemate.core.rca;

import java.time.Instant;
import java.util.Objects;

/**
 * How one model + prompt combination has done, for {@code GET /api/v1/models}.
 *
 * @param name the model ({@code extractive} for summaries made without one)
 * @param digest the model's digest, empty when the server reports none
 * @param promptVersion the prompt template's version
 * @param embeddingModel the embedding model retrieval used, empty without retrieval
 * @param runs summaries made
 * @param lastUsed when the newest was made
 * @param groundedShare the share that passed the grounding check
 * @param feedbacks ratings received
 * @param helpfulShare the share of ratings that said helpful; null before the first
 */
public record ModelUsage(
        String name,
        String digest,
        String promptVersion,
        String embeddingModel,
        long runs,
        Instant lastUsed,
        double groundedShare,
        long feedbacks,
        Double helpfulShare) {
    public ModelUsage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastUsed, "lastUsed");
        digest = digest == null ? "" : digest;
        promptVersion = promptVersion == null ? "" : promptVersion;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
    }
}
