package io.kubemate.rag.memory;

import java.util.List;

/**
 * What the memory holds that resembles one incident.
 *
 * @param incidents the most similar resolved incidents, best first, never the incident itself
 * @param runbooks the most similar runbook chunks, best first
 * @param closeMatch whether the best incident scores at least {@code threshold}; when not, the incident is new: no
 *     close match
 * @param threshold the cosine similarity a past incident needs to count as a close match
 */
public record Retrieval(List<Match> incidents, List<RunbookChunk> runbooks, boolean closeMatch, double threshold) {
    public Retrieval {
        incidents = List.copyOf(incidents);
        runbooks = List.copyOf(runbooks);
    }

    /** Whether nothing in memory comes close: the incident is new to it. */
    public boolean isNew() {
        return !closeMatch;
    }

    /**
     * One similar resolved incident.
     *
     * @param incidentId its id
     * @param score the cosine similarity of the two incident texts
     * @param resolution how it was resolved (redacted), may be empty
     */
    public record Match(String incidentId, double score, String resolution) {}

    /**
     * One runbook chunk.
     *
     * @param id its id in the store, {@code runbook:<relative path or URL>#<n>}
     * @param score its cosine similarity to the incident text
     * @param text the chunk (redacted), heading first
     * @param source where it is from: the relative file path or URL and the heading, {@code db/pool.md#Mitigation}
     */
    public record RunbookChunk(String id, double score, String text, String source) {}
}
