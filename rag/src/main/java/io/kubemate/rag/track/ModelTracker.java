package io.kubemate.rag.track;

import io.kubemate.core.rca.ModelUsage;
import java.util.List;

/**
 * Where summary runs and operator feedback are recorded. {@link #record} and {@link #feedback} never throw because a
 * tracking backend is down or slow and never block the caller on the network: a summary must not fail because its
 * bookkeeping did. Implementations are thread-safe.
 */
public interface ModelTracker extends AutoCloseable {
    /** Records one finished summary. */
    void record(SummaryRun run);

    /**
     * Records an operator's rating of a summary. A later rating of the same summary replaces the earlier one; a rating
     * of a summary the tracker does not know is ignored.
     */
    void feedback(String incidentId, String summaryId, boolean helpful);

    /** One entry per model and prompt combination, most recently used first. */
    List<ModelUsage> models();

    /** Flushes what can be flushed in a bounded time and releases resources. */
    @Override
    void close();
}
