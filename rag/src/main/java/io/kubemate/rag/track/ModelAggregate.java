package io.kubemate.rag.track;

import io.kubemate.core.rca.ModelUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per model and prompt combination totals, and which summary belongs to which. Not thread-safe. */
final class ModelAggregate {
    /** Running totals of one combination; also the snapshot line written at rotation. */
    record Totals(ModelKey key, long runs, long grounded, Instant lastUsed, long feedbacks, long helpful) {
        Totals plusRun(SummaryRun run) {
            Instant last = lastUsed == null || run.time().isAfter(lastUsed) ? run.time() : lastUsed;
            return new Totals(
                    key, runs + 1, grounded + (run.grounding().isGrounded() ? 1 : 0), last, feedbacks, helpful);
        }

        Totals plusVote(Boolean before, boolean now) {
            long f = feedbacks + (before == null ? 1 : 0);
            long h = helpful - (Boolean.TRUE.equals(before) ? 1 : 0) + (now ? 1 : 0);
            return new Totals(key, runs, grounded, lastUsed, f, h);
        }

        ModelUsage view() {
            return new ModelUsage(
                    key.name(),
                    key.digest(),
                    key.promptVersion(),
                    key.embeddingModel(),
                    runs,
                    lastUsed == null ? Instant.EPOCH : lastUsed,
                    runs == 0 ? 0 : (double) grounded / runs,
                    feedbacks,
                    feedbacks == 0 ? null : (double) helpful / feedbacks);
        }
    }

    private record Summary(ModelKey key, Boolean vote) {}

    private final Map<ModelKey, Totals> totals = new LinkedHashMap<>();
    private final Map<String, Summary> summaries = new HashMap<>();

    void addRun(SummaryRun run) {
        ModelKey key = run.key();
        totals.merge(key, new Totals(key, 0, 0, null, 0, 0).plusRun(run), (old, ignored) -> old.plusRun(run));
        summaries.put(run.summaryId(), new Summary(key, null));
    }

    /** Counts a rating; false when the summary is unknown. */
    boolean addFeedback(String summaryId, boolean helpful) {
        Summary s = summaries.get(summaryId);
        if (s == null) {
            return false;
        }
        totals.computeIfPresent(s.key(), (k, t) -> t.plusVote(s.vote(), helpful));
        summaries.put(summaryId, new Summary(s.key(), helpful));
        return true;
    }

    boolean knows(String summaryId) {
        return summaries.containsKey(summaryId);
    }

    void addTotals(Totals t) {
        totals.put(t.key(), t);
    }

    List<Totals> totals() {
        return new ArrayList<>(totals.values());
    }

    /** Forgets which summary belongs to which combination (after a rotation dropped their lines). */
    void forgetSummaries() {
        summaries.clear();
    }

    List<ModelUsage> view() {
        return totals.values().stream()
                .map(Totals::view)
                .sorted(Comparator.comparing(ModelUsage::lastUsed).reversed().thenComparing(ModelUsage::name))
                .toList();
    }
}
