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
     * Calibrated with all-MiniLM-L6-v2 (int8) over {@link IncidentText} texts: the threshold with the best F1 of the
     * "new" flag on the labelled set (see {@code RetrievalQualityTest} and the figures in its javadoc).
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
