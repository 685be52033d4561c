package io.kubemate.streams.traces;

import io.kubemate.core.telemetry.SpanRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parent/child structure of one trace as far as it is known, made safe to walk: a parent id that names no span of
 * the trace (a partial trace) or the span itself makes the span a root, and a cycle in bad data is cut at the span
 * that closes it, so every walk up ends. Time plays no part, so clock skew between services cannot change it.
 */
final class TraceForest {
    private final Map<String, SpanRecord> spans = new LinkedHashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, Integer> depths = new HashMap<>();

    TraceForest(List<SpanRecord> trace) {
        List<SpanRecord> ordered = new ArrayList<>(trace);
        ordered.sort(Comparator.comparing(SpanRecord::start).thenComparing(SpanRecord::spanId));
        ordered.forEach(span -> spans.putIfAbsent(span.spanId(), span));
        for (SpanRecord span : spans.values()) {
            String parent = span.parentSpanId();
            if (!parent.isEmpty() && !parent.equals(span.spanId()) && spans.containsKey(parent)) {
                parents.put(span.spanId(), parent);
            }
        }
        cutCycles();
        parents.forEach((child, parent) ->
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child));
    }

    private void cutCycles() {
        Set<String> done = new HashSet<>();
        for (String start : spans.keySet()) {
            List<String> walk = new ArrayList<>();
            Set<String> onWalk = new HashSet<>();
            String current = start;
            while (current != null && !done.contains(current) && !onWalk.contains(current)) {
                walk.add(current);
                onWalk.add(current);
                current = parents.get(current);
            }
            if (current != null && onWalk.contains(current)) {
                parents.remove(walk.get(walk.size() - 1));
            }
            done.addAll(walk);
        }
    }

    /** Every span once, ordered by start then span id. */
    Iterable<SpanRecord> spans() {
        return spans.values();
    }

    /** The span's parent in this trace, or {@code null} for a root (true or for want of its parent). */
    SpanRecord parent(SpanRecord span) {
        String parent = parents.get(span.spanId());
        return parent == null ? null : spans.get(parent);
    }

    /** The span's children in this trace. */
    List<SpanRecord> children(SpanRecord span) {
        return children.getOrDefault(span.spanId(), List.of()).stream()
                .map(spans::get)
                .toList();
    }

    /** How many ancestors the span has in this trace. */
    int depth(SpanRecord span) {
        Integer known = depths.get(span.spanId());
        if (known != null) {
            return known;
        }
        List<String> chain = new ArrayList<>();
        String current = span.spanId();
        int base = -1;
        while (current != null) {
            Integer memo = depths.get(current);
            if (memo != null) {
                base = memo;
                break;
            }
            chain.add(current);
            current = parents.get(current);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            depths.put(chain.get(i), ++base);
        }
        return depths.get(span.spanId());
    }

    /** The span and its ancestors, root (of what is known) first. */
    List<SpanRecord> lineage(SpanRecord span) {
        List<SpanRecord> line = new ArrayList<>();
        for (SpanRecord current = span; current != null; current = parent(current)) {
            line.add(0, current);
        }
        return line;
    }

    /** Whether the span's known root is not a true root: its parent was never received, or a cycle was cut there. */
    boolean isPartial(SpanRecord span) {
        return !lineage(span).get(0).isRoot();
    }
}
