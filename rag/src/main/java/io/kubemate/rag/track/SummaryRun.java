package io.kubemate.rag.track;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One summary as written: what wrote it and how it went.
 *
 * @param incidentId the incident summarized
 * @param summaryId the summary's id, which feedback refers to
 * @param modelName the model's name ({@code llama3.2:1b}); {@code extractive} for {@link SummaryKind#EXTRACTIVE}
 * @param modelDigest the model's content digest ({@code sha256:...}); empty when unknown
 * @param promptVersion the prompt template's version ({@code rca-v3})
 * @param embeddingModel the retrieval embedding model ({@code all-minilm-l6-v2-q})
 * @param retrievalScores cosine scores of the retrieved items, best first; may be empty
 * @param latencyMs wall-clock time to write the summary, retries included
 * @param promptTokens tokens sent to the model (0 when unknown or extractive)
 * @param completionTokens tokens the model answered (0 when unknown or extractive)
 * @param grounding how the grounding check went
 * @param fallbackReason why the extractive summary was used; empty unless {@link Grounding#FALLBACK}
 * @param kind what wrote the summary
 * @param time when the summary was finished
 */
public record SummaryRun(
        String incidentId,
        String summaryId,
        String modelName,
        String modelDigest,
        String promptVersion,
        String embeddingModel,
        List<Double> retrievalScores,
        long latencyMs,
        int promptTokens,
        int completionTokens,
        Grounding grounding,
        String fallbackReason,
        SummaryKind kind,
        Instant time) {
    public SummaryRun {
        requireText(incidentId, "incidentId");
        requireText(summaryId, "summaryId");
        requireText(modelName, "modelName");
        modelDigest = modelDigest == null ? "" : modelDigest;
        promptVersion = promptVersion == null ? "" : promptVersion;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
        retrievalScores = retrievalScores == null ? List.of() : List.copyOf(retrievalScores);
        Objects.requireNonNull(grounding, "grounding");
        fallbackReason = fallbackReason == null ? "" : fallbackReason;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        if (latencyMs < 0 || promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("latencyMs and token counts must not be negative");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** The best retrieval score, or 0 when nothing was retrieved. */
    public double topRetrievalScore() {
        return retrievalScores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** The model and prompt combination this run belongs to. */
    public ModelKey key() {
        return new ModelKey(modelName, modelDigest, promptVersion, embeddingModel);
    }
}
