package io.kubemate.ingest.pull;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fallback {@code log-template} item for one service's pulled lines: how many warning and error lines, a few
 * distinct examples. The real templates come from the template miner, which reads the raw entries.
 */
final class LokiEvidence {
    /** Example lines per item. */
    static final int EXAMPLES = 3;

    private static final int EXAMPLE_CHARS = 300;

    private LokiEvidence() {}

    /** The summary item for {@code service}; empty when there are no entries. */
    static List<EvidenceItem> summary(String service, String query, List<LogEntry> entries, int limit) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long errors = entries.stream().filter(e -> e.severity().equals("error")).count();
        long warns = entries.stream().filter(e -> e.severity().equals("warn")).count();
        Instant first = entries.stream()
                .map(LogEntry::time)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = entries.stream()
                .map(LogEntry::time)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        boolean limitReached = entries.size() >= limit;
        String title = service + ": " + (limitReached ? "at least " : "") + entries.size()
                + " warning/error lines in Loki (" + errors + " error, " + warns + " warn)";
        return List.of(new EvidenceItem(
                "",
                "log-template/" + service + "/" + LokiQueryClient.SOURCE,
                EvidenceKind.LOG_TEMPLATE,
                LokiQueryClient.SOURCE,
                service,
                first,
                last,
                title,
                examples(entries),
                Map.of(
                        "lines", Integer.toString(entries.size()),
                        "errors", Long.toString(errors),
                        "warns", Long.toString(warns),
                        "limitReached", Boolean.toString(limitReached),
                        "query", Texts.cut(query, 300))));
    }

    /** Up to {@link #EXAMPLES} lines that differ beyond their numbers, errors before warnings, newest first. */
    private static List<String> examples(List<LogEntry> entries) {
        List<LogEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((LogEntry e) -> !e.severity().equals("error"))
                .thenComparing(LogEntry::time, Comparator.reverseOrder()));
        Set<String> shapes = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (LogEntry entry : ordered) {
            String line = Texts.oneLine(entry.line(), EXAMPLE_CHARS);
            if (shapes.add(line.replaceAll("[0-9a-fA-F]*[0-9][0-9a-fA-F]*", "0")) && out.size() < EXAMPLES) {
                out.add(entry.time() + " " + line);
            }
        }
        return out;
    }
}
