package io.kubemate.ingest.pull;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.SpanRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code span} items from pulled error spans: one per (service, operation, HTTP status), the group's slowest span as
 * its example. Groups holding the deepest erroring spans of their traces (no erroring child: a likely origin) come
 * first, then the larger groups.
 */
final class JaegerEvidence {
    private JaegerEvidence() {}

    /** At most {@code max} items for the error spans among {@code spans}. */
    static List<EvidenceItem> items(List<SpanRecord> spans, int max) {
        Set<String> erroringParents = new HashSet<>();
        for (SpanRecord span : spans) {
            if (span.error() && !span.isRoot()) {
                erroringParents.add(span.traceId() + "/" + span.parentSpanId());
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (SpanRecord span : spans) {
            if (span.error()) {
                boolean origin = !erroringParents.contains(span.traceId() + "/" + span.spanId());
                groups.computeIfAbsent(groupKey(span), k -> new Group()).add(span, origin);
            }
        }
        return groups.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Group> e) -> e.getValue().origins)
                        .thenComparing(e -> e.getValue().spans.size())
                        .reversed())
                .limit(max)
                .map(e -> item(e.getKey(), e.getValue()))
                .toList();
    }

    private static String groupKey(SpanRecord span) {
        return "span/" + JaegerQueryClient.SOURCE + "/" + span.service() + "/" + Texts.cut(span.name(), 120) + "/"
                + span.httpStatus();
    }

    private static EvidenceItem item(String key, Group group) {
        SpanRecord example = group.example();
        String outcome = example.httpStatus() > 0 ? Integer.toString(example.httpStatus()) : "failed";
        int count = group.spans.size();
        String title = example.service() + " " + operation(example) + " " + outcome + " in "
                + Texts.duration(example.durationNanos())
                + (count > 1 ? " (" + count + " spans in " + group.traces.size() + " traces)" : "");
        List<String> lines = new ArrayList<>();
        if (!example.statusMessage().isEmpty()) {
            lines.add(Texts.oneLine(example.statusMessage(), 300));
        }
        String exceptionType = example.attributes().getOrDefault("exception.type", "");
        if (!exceptionType.isEmpty()) {
            lines.add("exception " + exceptionType);
        }
        lines.add("trace " + example.traceId() + " span " + example.spanId() + " ("
                + example.kind().name().toLowerCase(Locale.ROOT) + ", started " + example.start() + ")");
        if (group.origins > 0) {
            lines.add("deepest erroring span in " + group.origins + " of " + count + " cases");
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("traceId", example.traceId());
        attributes.put("spanId", example.spanId());
        attributes.put("durationMs", Texts.number(example.durationMillis(), 4));
        attributes.put("count", Integer.toString(count));
        attributes.put("traces", Integer.toString(group.traces.size()));
        attributes.put("origin", Boolean.toString(group.origins > 0));
        if (example.httpStatus() > 0) {
            attributes.put("httpStatus", Integer.toString(example.httpStatus()));
        }
        if (!exceptionType.isEmpty()) {
            attributes.put("exceptionType", exceptionType);
        }
        return new EvidenceItem(
                "",
                key,
                EvidenceKind.SPAN,
                JaegerQueryClient.SOURCE,
                example.service(),
                group.from,
                group.to,
                title,
                lines,
                attributes);
    }

    /** The operation as people read it: a bare HTTP method gains its route or the server it called. */
    private static String operation(SpanRecord span) {
        String name = span.name();
        if (name.matches("[A-Z]{3,7}")) {
            String route = span.attributes().getOrDefault("http.route", "");
            String server = span.attributes().getOrDefault("server.address", "");
            if (!route.isEmpty()) {
                return name + " " + route;
            }
            if (!server.isEmpty()) {
                return name + " → " + server;
            }
        }
        return name;
    }

    private static final class Group {
        final List<SpanRecord> spans = new ArrayList<>();
        final Set<String> traces = new HashSet<>();
        int origins;
        Instant from = Instant.MAX;
        Instant to = Instant.MIN;
        private SpanRecord slowestOrigin;

        void add(SpanRecord span, boolean origin) {
            spans.add(span);
            traces.add(span.traceId());
            from = span.start().isBefore(from) ? span.start() : from;
            to = span.end().isAfter(to) ? span.end() : to;
            if (origin) {
                origins++;
                if (slowestOrigin == null || span.durationNanos() > slowestOrigin.durationNanos()) {
                    slowestOrigin = span;
                }
            }
        }

        /** The slowest span that was a likely origin, else the slowest one. */
        SpanRecord example() {
            return slowestOrigin != null
                    ? slowestOrigin
                    : spans.stream()
                            .max(Comparator.comparingLong(SpanRecord::durationNanos))
                            .orElseThrow();
        }
    }
}
