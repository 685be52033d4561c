package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import java.util.List;
import java.util.Map;

/**
 * What traces show about some services over a window.
 *
 * @param spans {@code span} items: error spans and the slowest spans, keys stable per span
 * @param paths {@code trace-path} items: the most common erroring paths, keys stable per path
 * @param originCounts per service, how many erroring traces had their origin there
 * @param erroringTraces how many erroring traces were looked at
 */
public record TraceEvidence(
        List<EvidenceItem> spans, List<EvidenceItem> paths, Map<String, Integer> originCounts, int erroringTraces) {
    /** Nothing seen. */
    public static final TraceEvidence NONE = new TraceEvidence(List.of(), List.of(), Map.of(), 0);

    public TraceEvidence {
        spans = spans == null ? List.of() : List.copyOf(spans);
        paths = paths == null ? List.of() : List.copyOf(paths);
        originCounts = originCounts == null ? Map.of() : Map.copyOf(originCounts);
    }
}
