package io.kubemate.rag.memory;

/**
 * How retrieval answers.
 *
 * @param closeMatchThreshold the cosine similarity the best past incident needs for the incident not to be flagged
 *     new; {@link #DEFAULT_CLOSE_MATCH_THRESHOLD} was calibrated on the labelled set in the tests
 *     ({@code RetrievalQualityTest})
 * @param incidentMatches how many similar incidents a retrieval returns at most
 * @param runbookMatches how many runbook chunks a retrieval returns at most (besides the best chunk of each runbook
 *     the incident's alerts link to)
 */
public record MemorySettings(double closeMatchThreshold, int incidentMatches, int runbookMatches) {
    /**
     * Calibrated with all-MiniLM-L6-v2 (int8) over {@link IncidentText} texts on the labelled set of {@code
     * RetrievalQualityTest} (36 resolved incidents of 12 root-cause kinds; 18 queries of known kinds, 9 of new kinds):
     * the best scores of known-kind queries ranged 0.515 to 0.890, those of new-kind queries 0.426 to 0.480 for 7 of
     * 9 (the other two 0.570 and 0.674, near misses of a related kind). The threshold with the best F1 of the "new"
     * flag is the midpoint 0.498, rounded to 0.50: new-flag precision 1.00, recall 0.78 there. It depends on the
     * embedding model and on {@link IncidentText}; recalibrate when either changes.
     */
    public static final double DEFAULT_CLOSE_MATCH_THRESHOLD = 0.50;

    public MemorySettings {
        if (!(closeMatchThreshold >= -1 && closeMatchThreshold <= 1)) {
            throw new IllegalArgumentException("closeMatchThreshold must be within -1..1, was " + closeMatchThreshold);
        }
        if (incidentMatches < 1 || runbookMatches < 0) {
            throw new IllegalArgumentException("incidentMatches must be at least 1 and runbookMatches at least 0");
        }
    }

    /** The calibrated threshold, 3 incidents, 3 runbook chunks. */
    public static MemorySettings defaults() {
        return new MemorySettings(DEFAULT_CLOSE_MATCH_THRESHOLD, 3, 3);
    }
}
