package io.kubemate.core.rca;

/** Where people's ratings of summaries go (model tracking: a {@code helpful} metric per model and prompt). */
@FunctionalInterface
public interface SummaryFeedback {
    /** Nowhere. */
    SummaryFeedback NONE = (incidentId, summaryId, helpful) -> {};

    /** Records that the summary {@code summaryId} of incident {@code incidentId} was (not) helpful. */
    void feedback(String incidentId, String summaryId, boolean helpful);
}
