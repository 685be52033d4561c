package io.kubemate.core.rca;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The root-cause summary of an incident, the value of the compacted {@code kubemate.rca.results} topic (keyed by
 * incident id) and the {@code summary} of {@code GET /api/v1/incidents/{id}}. All text is redacted.
 *
 * @param incidentId the incident
 * @param sequence the {@link RcaRequest#sequence()} it answers; readers keep the highest
 * @param kind {@code llm} (a model wrote it and it passed the grounding check) or {@code extractive} (built from the
 *     evidence and origin ranking without a model)
 * @param text the summary: what is probably wrong and why
 * @param probableRootCause the service and the reason, citing evidence ids
 * @param confidence 0 to 1
 * @param citations the evidence and retrieved item ids the text cites, every one of them existing
 * @param nextSteps what to check next
 * @param similar past incidents that looked like this, with how they were fixed, as the model saw them ({@code S1},
 *     {@code S2}, ... in the citations)
 * @param runbooks runbook chunks the model saw ({@code R1}, {@code R2}, ... in the citations)
 * @param noCloseMatch whether nothing in memory came close ("new: no close match"): the similar ones, if any, are
 *     only the least unlike
 * @param model what made it
 * @param grounded whether every citation and the root cause checked out against the incident
 * @param note why it is extractive or ungrounded (model unreachable, grounding failed twice, ...), empty otherwise
 * @param createdAt when it was made
 */
public record IncidentSummary(
        String incidentId,
        long sequence,
        String kind,
        String text,
        RootCause probableRootCause,
        double confidence,
        List<String> citations,
        List<String> nextSteps,
        List<Similar> similar,
        List<Runbook> runbooks,
        boolean noCloseMatch,
        ModelInfo model,
        boolean grounded,
        String note,
        Instant createdAt) {

    public IncidentSummary {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        text = text == null ? "" : text;
        citations = citations == null ? List.of() : List.copyOf(citations);
        nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
        similar = similar == null ? List.of() : List.copyOf(similar);
        runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
        model = model == null ? ModelInfo.NONE : model;
        note = note == null ? "" : note;
    }

    /** The id feedback refers to: the incident and the request it answered ({@code inc-...#3}). */
    public String summaryId() {
        return summaryId(incidentId, sequence);
    }

    /** The id of the summary answering request {@code sequence} of incident {@code incidentId}. */
    public static String summaryId(String incidentId, long sequence) {
        return incidentId + "#" + sequence;
    }

    /** The probable root cause: a service of the incident and why. */
    public record RootCause(String service, String reason) {}

    /** A similar past incident and its resolution note; {@code citation} is how summaries cite it ({@code S1}). */
    public record Similar(String citation, String incidentId, double score, String resolution) {}

    /**
     * A runbook chunk: {@code citation} is how summaries cite it ({@code R1}), {@code id} where it comes from ({@code
     * runbook:<file or URL>#<n>}), {@code excerpt} its first few hundred characters.
     */
    public record Runbook(String citation, String id, double score, String excerpt) {}

    /** The model, its digest, the prompt template version and the embedding model. */
    public record ModelInfo(String name, String digest, String promptVersion, String embeddingModel) {
        public static final ModelInfo NONE = new ModelInfo("", "", "", "");
    }
}
