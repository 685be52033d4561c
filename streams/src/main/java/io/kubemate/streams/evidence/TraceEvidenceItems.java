package io.kubemate.streams.evidence;

import io.kubemate.core.evidence.EvidenceItem;
import io.kubemate.core.evidence.EvidenceKind;
import io.kubemate.core.telemetry.SpanRecord;
import io.kubemate.streams.traces.TraceAnalysis;
import io.kubemate.streams.traces.TraceBuffer;
import io.kubemate.streams.traces.TraceExcerpt;
import io.kubemate.streams.traces.TraceExcerpt.ErrorGroup;
import io.kubemate.streams.traces.TraceExcerpt.ErrorPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link TraceExcerpt} into evidence items: at most {@value #MAX_ERRORS} {@code span} items for error groups,
 * at most {@value #MAX_SLOW} for the slowest span of a service, and at most {@value #MAX_PATHS} {@code trace-path}
 * items. Keys name the fact, not the example (an error group by service, operation and message; a path by its
 * services), so an item keeps its id while its counts grow.
 */
public final class TraceEvidenceItems {
    static final int MAX_ERRORS = 6;
    static final int MAX_SLOW = 4;
    static final int MAX_PATHS = 3;

    private TraceEvidenceItems() {}

    /** A source reading {@code buffer}; items are marked with {@code source}. */
    public static TraceEvidenceSource from(TraceBuffer buffer, String source) {
        return (services, clusters, from, to) ->
                of(TraceAnalysis.excerpt(buffer.traces(services, clusters, from, to), services, from, to), source);
    }

    /** The evidence of {@code excerpt}. */
    public static TraceEvidence of(TraceExcerpt excerpt, String source) {
        if (excerpt.isEmpty()) {
            return TraceEvidence.NONE;
        }
        List<EvidenceItem> spans = new ArrayList<>();
        excerpt.errors().stream().limit(MAX_ERRORS).forEach(group -> spans.add(errorItem(group, source)));
        excerpt.slowest().values().stream()
                .filter(list -> !list.isEmpty())
                .map(list -> list.get(0))
                .sorted(Comparator.comparingLong(SpanRecord::durationNanos).reversed())
                .limit(MAX_SLOW)
                .forEach(span -> spans.add(slowItem(span, excerpt, source)));
        List<EvidenceItem> paths = new ArrayList<>();
        excerpt.paths().stream().limit(MAX_PATHS).forEach(path -> paths.add(pathItem(path, excerpt, source)));
        return new TraceEvidence(spans, paths, excerpt.originCounts(), excerpt.erroringTraces());
    }

    private static EvidenceItem errorItem(ErrorGroup group, String source) {
        SpanRecord example = group.example();
        Map<String, String> attributes = spanAttributes(example);
        attributes.put("spans", Integer.toString(group.spans()));
        attributes.put("traces", Integer.toString(group.traces()));
        attributes.put("error", "true");
        String message = group.message().isEmpty() ? "failed" : "failed: " + group.message();
        return new EvidenceItem(
                "",
                "span/error/" + group.service() + "/" + group.operation() + "/" + group.message(),
                EvidenceKind.SPAN,
                source,
                group.service(),
                group.first(),
                group.last(),
                group.service() + " " + group.operation() + " " + message + " (" + group.spans() + " spans in "
                        + group.traces() + " traces)",
                List.of(describe(example)),
                attributes);
    }

    private static EvidenceItem slowItem(SpanRecord span, TraceExcerpt excerpt, String source) {
        Map<String, String> attributes = spanAttributes(span);
        attributes.put("slowest", "true");
        return new EvidenceItem(
                "",
                "span/slow/" + span.service() + "/" + span.name(),
                EvidenceKind.SPAN,
                source,
                span.service(),
                excerpt.from(),
                excerpt.to(),
                "slowest " + span.service() + " span: " + span.name() + " took " + duration(span),
                List.of(describe(span)),
                attributes);
    }

    private static EvidenceItem pathItem(ErrorPath path, TraceExcerpt excerpt, String source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("origin", path.origin());
        attributes.put("traces", Integer.toString(path.traces()));
        attributes.put("erroringTraces", Integer.toString(excerpt.erroringTraces()));
        attributes.put("partialTraces", Integer.toString(path.partialTraces()));
        attributes.put("traceId", path.exampleTraceId());
        return new EvidenceItem(
                "",
                "trace-path/" + String.join(">", path.services()),
                EvidenceKind.TRACE_PATH,
                source,
                path.origin(),
                excerpt.from(),
                excerpt.to(),
                path.text() + " in " + path.traces() + " of " + excerpt.erroringTraces() + " erroring traces",
                List.of("example trace " + path.exampleTraceId()),
                attributes);
    }

    private static Map<String, String> spanAttributes(SpanRecord span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("traceId", span.traceId());
        attributes.put("spanId", span.spanId());
        attributes.put("durationMs", String.format(Locale.ROOT, "%.1f", span.durationMillis()));
        if (span.httpStatus() > 0) {
            attributes.put("httpStatus", Integer.toString(span.httpStatus()));
        }
        String exception = span.attributes().get("exception.type");
        if (exception != null) {
            attributes.put("exception.type", exception);
        }
        return attributes;
    }

    private static String describe(SpanRecord span) {
        StringBuilder text = new StringBuilder()
                .append(span.start())
                .append(' ')
                .append(span.service())
                .append(' ')
                .append(span.name())
                .append(' ')
                .append(duration(span));
        if (span.httpStatus() > 0) {
            text.append(" HTTP ").append(span.httpStatus());
        }
        if (!span.statusMessage().isEmpty()) {
            text.append(" \"").append(span.statusMessage()).append('"');
        }
        return text.append(" trace ").append(span.traceId()).toString();
    }

    private static String duration(SpanRecord span) {
        double millis = span.durationMillis();
        return millis >= 1000
                ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
